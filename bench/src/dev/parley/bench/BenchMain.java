package dev.parley.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The relay benchmark of issue 12 and 08 §1. One run, one fake upstream, one load generator (this JVM, pinned
 * by run.sh to the generator core), and at each conversation count the same traffic against: the fake
 * upstream directly (the physical limit), Parley (appendAudio as notifications, then as requests), a minimal
 * Node relay and the Codex app-server, each server pinned to the server core. Prints a table per step, the
 * targets, and one JSON line; exits 1 if Parley lost any frame.
 */
public final class BenchMain {

    private static final int HANDOFF_WARMUP = 20;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = new Options(args);
            Peers.storeArgs(options.store);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("Parley relay benchmark: " + options.describe());
        System.out.println("generator: pid " + ProcessHandle.current().pid() + ", CPUs " + cpusAllowed());
        Map<Integer, List<Phase.Result>> results = new TreeMap<>();
        Samples handoffs = null;
        long parleyStartup = -1;
        ExecutorService setup = Executors.newFixedThreadPool(32);
        try (Loop loop = new Loop(); Pacer pacer = new Pacer();
                FakeRealtimeUpstream upstream = new FakeRealtimeUpstream(loop, pacer, options.transcripts);
                FakeResponsesApi agent = new FakeResponsesApi()) {
            Phase phase = new Phase(loop, pacer, upstream, setup, options);
            ServerProcess parley = null;
            ServerProcess node = null;
            try {
                if (options.runs("parley") || options.runs("parley-request")) {
                    parley = Peers.parley(options, upstream.port(), agent.baseUrl());
                    parleyStartup = parley.startupMillis;
                    System.out.printf(Locale.ROOT, "parley: ready in %d ms (pid %d, port %d); fake upstream on port %d%n",
                            parley.startupMillis, parley.pid(), parley.port, upstream.port());
                }
                if (options.runs("node")) {
                    node = start("node relay", () -> Peers.nodeRelay(options, upstream.port()));
                }
                int[] all = options.allSteps();
                int warmAt = Math.min(100, Arrays.stream(all).max().orElse(1));
                progress("generator warm-up (direct)", warmAt);
                phase.run("direct", Dialect.DIRECT, null, warmAt, false, options.jitWarmupSeconds / 2);
                boolean parleyWarm = false;
                boolean nodeWarm = false;
                for (int n : all) {
                    List<Phase.Result> step = new ArrayList<>();
                    progress("direct", n);
                    step.add(phase.run("direct", Dialect.DIRECT, null, n, true, 0));
                    if (parley != null && options.runs("parley") && Options.has(options.steps, n)) {
                        if (!parleyWarm) {
                            progress("parley JIT warm-up", warmAt);
                            phase.run("parley", Dialect.RPC_NOTIFICATION, parley, warmAt, false, options.jitWarmupSeconds);
                            parleyWarm = true;
                        }
                        progress("parley", n);
                        step.add(phase.run("parley", Dialect.RPC_NOTIFICATION, parley, n, true, 0));
                    }
                    if (parley != null && options.runs("parley-request") && Options.has(options.requestSteps, n)) {
                        progress("parley-request", n);
                        step.add(phase.run("parley-request", Dialect.RPC_REQUEST, parley, n, true, 0));
                    }
                    if (node != null && Options.has(options.nodeSteps, n)) {
                        if (!nodeWarm) {
                            progress("node JIT warm-up", warmAt);
                            phase.run("node", Dialect.RPC_NOTIFICATION, node, warmAt, false, options.jitWarmupSeconds / 2);
                            nodeWarm = true;
                        }
                        progress("node", n);
                        step.add(phase.run("node", Dialect.RPC_NOTIFICATION, node, n, true, 0));
                    }
                    if (options.runs("codex") && Options.has(options.codexSteps, n)) {
                        // a fresh app-server per step, so a stalled one cannot weigh on what follows
                        ServerProcess codex = start("codex app-server", () -> Peers.codex(options, upstream.port()));
                        if (codex != null) {
                            try {
                                progress("codex", n);
                                step.add(phase.run("codex", Dialect.RPC_REQUEST, codex, n, true, 0));
                            } finally {
                                codex.close();
                            }
                        }
                    }
                    results.put(n, step);
                    Report.printStep(n, step, options);
                }
                if (parley != null && options.handoffs > 0) {
                    handoffs = handoffs(loop, parley, upstream, agent, options.handoffs);
                    System.out.printf(Locale.ROOT, "%nhandoff -> first model request (server side): p50 %.3f ms, p99 %.3f ms (%d handoffs)%n",
                            handoffs.quantileMs(0.5), handoffs.quantileMs(0.99), options.handoffs);
                }
            } finally {
                if (parley != null) {
                    parley.close();
                }
                if (node != null) {
                    node.close();
                }
            }
        } finally {
            setup.shutdownNow();
        }
        List<Targets.Verdict> verdicts = Targets.evaluate(options, results);
        Targets.print(verdicts);
        System.out.println();
        System.out.println(Report.json(options, results, verdicts, parleyStartup, handoffs));
        boolean parleyLost = results.values().stream().flatMap(List::stream)
                .filter(r -> r.target().startsWith("parley"))
                .anyMatch(r -> r.lost() > 0 || r.serverDropped() > 0 || r.setupFailed() > 0);
        if (parleyLost) {
            System.err.println("Parley lost frames (see the tables): exit 1");
        }
        System.exit(parleyLost ? 1 : 0);
    }

    @FunctionalInterface
    private interface Starter {
        ServerProcess start() throws Exception;
    }

    /** Starts a peer; a peer that cannot start is reported and left out, the run goes on. */
    private static ServerProcess start(String name, Starter starter) {
        try {
            ServerProcess process = starter.start();
            System.err.printf(Locale.ROOT, "%s: ready in %d ms (pid %d, port %d)%n", name, process.startupMillis, process.pid(), process.port);
            return process;
        } catch (Exception e) {
            System.out.println(name + ": not run (" + e.getMessage() + ")");
            return null;
        }
    }

    private static void progress(String what, int n) {
        System.err.printf(Locale.ROOT, "[%tT] %s at %d conversations%n", System.currentTimeMillis(), what, n);
    }

    private static String cpusAllowed() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Cpus_allowed_list:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (Exception e) {
            return "?";
        }
    }

    /**
     * Server-side handoff overhead (08 §1): the fake upstream sends a V2 {@code background_agent} call and the
     * fake Responses API notes when Parley's agent request arrives; the turn is let finish before the next.
     */
    private static Samples handoffs(Loop loop, ServerProcess parley, FakeRealtimeUpstream upstream,
            FakeResponsesApi agent, int count) throws Exception {
        Samples samples = new Samples();
        upstream.expect(1);
        BenchClient client = new BenchClient(Dialect.RPC_NOTIFICATION, false);
        try {
            client.setUp(loop, parley.port, "/rpc", 30_000);
            for (int i = -HANDOFF_WARMUP; i < count; i++) {
                int k = i + HANDOFF_WARMUP;
                var completed = client.expect(s -> s.contains("turn/completed"));
                long sent = upstream.sendToAll("{\"type\":\"conversation.item.done\",\"item\":{\"id\":\"item_h" + k
                        + "\",\"type\":\"function_call\",\"name\":\"background_agent\",\"call_id\":\"call_h" + k
                        + "\",\"arguments\":\"{\\\"prompt\\\":\\\"bench " + k + "\\\"}\"}}");
                long arrived = agent.nextArrival();
                if (i >= 0) {
                    samples.add(arrived - sent);
                }
                completed.get(30, TimeUnit.SECONDS);
            }
            client.stopConversation().get(5, TimeUnit.SECONDS);
        } finally {
            client.close();
            upstream.closeAll();
        }
        return Samples.merge(List.of(samples));
    }
}
