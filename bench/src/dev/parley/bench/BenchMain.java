package dev.parley.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The relay benchmark of 08 §1: at each conversation count, the same fake upstream is measured once through
 * direct connections and once through Parley; the difference is the latency Parley adds per frame. Ends
 * with one JSON summary line.
 *
 * <p>Arguments: {@code <parley jar> [steps, e.g. 1,50,100] [measured seconds per phase]}.
 */
public final class BenchMain {

    private record Phase(Samples output, Samples input, long sent, long received, long upstreamSent,
            long upstreamReceived) {

        long dropped() {
            return Math.max(0, sent - upstreamReceived) + Math.max(0, upstreamSent - received);
        }
    }

    private record Step(int conversations, Phase direct, Phase parley, double cpuPercent, long heapPerConversationKiB,
            long rssMib, long threads) {
    }

    private static final long WARMUP_MILLIS = 2_000;
    private static final long DRAIN_MILLIS = 1_000;
    private static final int HANDOFFS = 100;
    private static final int HANDOFF_WARMUP = 20;

    /** Server readings around the measured window: CPU used in it (and the drain after it), then heap, RSS, threads. */
    private static final class ServerSampler {
        private final ServerProcess server;
        private final long heapBefore;
        private long cpuStart;
        private long cpuEnd;
        private long heapAfter;
        long rssMib;
        long threads;

        ServerSampler(ServerProcess server) throws Exception {
            this.server = server;
            this.heapBefore = server.liveHeapBytes();
        }

        void begin() throws Exception {
            cpuStart = server.cpuMillis();
        }

        void end() throws Exception {
            cpuEnd = server.cpuMillis();
            heapAfter = server.liveHeapBytes();
            rssMib = server.rssKib() / 1024;
            threads = server.threads();
        }

        long cpuMillis() {
            return cpuEnd - cpuStart;
        }

        /**
         * Live heap added per conversation; -1 below 10 conversations, where the one-off cost of the code
         * paths a first conversation initialises would be reported as per-conversation memory.
         */
        long heapPerConversationKiB(int conversations) {
            return conversations < 10 ? -1 : (heapAfter - heapBefore) / conversations / 1024;
        }
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "target/parley-server-0.1.0.jar");
        int[] steps = Arrays.stream((args.length > 1 ? args[1] : "1,50,100,200,300,400").split(","))
                .mapToInt(Integer::parseInt).toArray();
        long measureMillis = (args.length > 2 ? Long.parseLong(args[2]) : 8) * 1000;
        String javaHome = System.getProperty("java.home");
        HttpClient http = HttpClient.newHttpClient();
        List<Step> results = new ArrayList<>();
        try (FakeRealtimeUpstream upstream = new FakeRealtimeUpstream();
                FakeResponsesApi agent = new FakeResponsesApi();
                ServerProcess parley = new ServerProcess(javaHome, jar, upstream.port(), agent.baseUrl(),
                        Path.of("target/bench-parley.log"));
                ExecutorService setup = Executors.newFixedThreadPool(8)) {
            System.out.printf(Locale.ROOT, "Parley ready in %d ms (port %d); fake upstream on port %d%n",
                    parley.startupMillis, parley.port, upstream.port());
            System.out.println("convs | added output p50/p99/p99.9 ms | added input p50/p99/p99.9 ms | dropped d/p | cpu % | heap/conv KiB | rss MiB | threads");
            for (int n : steps) {
                Phase direct = run(upstream, n, setup, measureMillis, i -> new DirectClient(http, upstream.port()), null);
                ServerSampler sampler = new ServerSampler(parley);
                Phase through = run(upstream, n, setup, measureMillis, i -> new ParleyClient(http, parley.port), sampler);
                Step step = new Step(n, direct, through, 100.0 * sampler.cpuMillis() / (measureMillis + DRAIN_MILLIS),
                        sampler.heapPerConversationKiB(n), sampler.rssMib, sampler.threads);
                results.add(step);
                System.out.printf(Locale.ROOT, "%5d | %6.3f / %6.3f / %6.3f | %6.3f / %6.3f / %6.3f | %d / %d | %5.1f | %6d | %5d | %5d%n",
                        n, added(step, 0.5, true), added(step, 0.99, true), added(step, 0.999, true),
                        added(step, 0.5, false), added(step, 0.99, false), added(step, 0.999, false),
                        direct.dropped(), through.dropped(), step.cpuPercent, step.heapPerConversationKiB,
                        step.rssMib, step.threads);
            }
            Samples handoffs = handoffs(http, parley, upstream, agent, HANDOFFS);
            System.out.printf(Locale.ROOT, "handoff -> first model request: p50 %.3f ms, p99 %.3f ms (%d handoffs)%n",
                    handoffs.quantileMs(0.5), handoffs.quantileMs(0.99), HANDOFFS);
            System.out.println(summary(parley.startupMillis, results, handoffs));
        }
    }

    /**
     * Server-side handoff overhead (08 §1): the fake upstream sends a V2 {@code background_agent} call and the
     * fake Responses API notes when Parley's agent request arrives; the turn is let finish before the next.
     */
    private static Samples handoffs(HttpClient http, ServerProcess parley, FakeRealtimeUpstream upstream,
            FakeResponsesApi agent, int count) throws Exception {
        Samples samples = new Samples();
        try (ParleyClient client = new ParleyClient(http, parley.port)) {
            // the first handoffs warm the code path and open the agent connection; they are not counted
            for (int i = -HANDOFF_WARMUP; i < count; i++) {
                var completed = client.expect("turn/completed");
                long sent = upstream.sendToAll("{\"type\":\"conversation.item.done\",\"item\":{\"id\":\"item_h" + (i + HANDOFF_WARMUP)
                        + "\",\"type\":\"function_call\",\"name\":\"background_agent\",\"call_id\":\"call_h" + (i + HANDOFF_WARMUP)
                        + "\",\"arguments\":\"{\\\"prompt\\\":\\\"bench " + i + "\\\"}\"}}");
                long arrived = agent.nextArrival();
                if (i >= 0) {
                    samples.add(arrived - sent);
                }
                completed.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            client.stopConversation();
        }
        return Samples.merge(List.of(samples));
    }

    private static Phase run(FakeRealtimeUpstream upstream, int n, ExecutorService setup, long measureMillis,
            ClientFactory factory, ServerSampler sampler) throws Exception {
        upstream.reset();
        List<Future<StreamingClient>> pending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            pending.add(setup.submit(() -> factory.create(index)));
        }
        List<StreamingClient> clients = new ArrayList<>();
        for (Future<StreamingClient> future : pending) {
            clients.add(future.get());
        }
        clients.forEach(StreamingClient::startStreaming);
        Thread.sleep(WARMUP_MILLIS);
        if (sampler != null) {
            sampler.begin();
        }
        Frames.openWindow();
        Thread.sleep(measureMillis);
        Frames.closeWindow();
        // frames stamped inside the window may still be on their way; the sampler's GC must not delay them
        Thread.sleep(DRAIN_MILLIS);
        if (sampler != null) {
            sampler.end();
        }
        for (StreamingClient client : clients) {
            client.stopStreaming();
        }
        Phase phase = new Phase(Samples.merge(clients.stream().map(c -> c.outputLatencies).toList()),
                upstream.inputLatencies(), clients.stream().mapToLong(c -> c.framesSent.get()).sum(),
                clients.stream().mapToLong(c -> c.framesReceived.get()).sum(), upstream.framesSent(),
                upstream.framesReceived());
        Frames.resetWindow();
        for (StreamingClient client : clients) {
            if (client instanceof ParleyClient parleyClient) {
                parleyClient.stopConversation();
            }
            client.close();
        }
        return phase;
    }

    @FunctionalInterface
    private interface ClientFactory {
        StreamingClient create(int index) throws Exception;
    }

    private static double added(Step step, double q, boolean output) {
        Function<Phase, Samples> pick = output ? Phase::output : Phase::input;
        return pick.apply(step.parley).quantileMs(q) - pick.apply(step.direct).quantileMs(q);
    }

    private static String summary(long startupMillis, List<Step> steps, Samples handoffs) {
        StringBuilder json = new StringBuilder("{\"bench\":\"parley-relay\",\"startupMs\":").append(startupMillis)
                .append(",\"steps\":[");
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"conversations\":%d,\"addedOutputMs\":{\"p50\":%.3f,\"p99\":%.3f,\"p999\":%.3f},"
                            + "\"addedInputMs\":{\"p50\":%.3f,\"p99\":%.3f,\"p999\":%.3f},"
                            + "\"directOutputMs\":{\"p50\":%.3f,\"p99\":%.3f},\"parleyOutputMs\":{\"p50\":%.3f,\"p99\":%.3f},"
                            + "\"frames\":{\"sent\":%d,\"received\":%d,\"upstreamSent\":%d,\"upstreamReceived\":%d,\"dropped\":%d},"
                            + "\"cpuPercent\":%.1f,\"heapPerConversationKiB\":%d,\"rssMiB\":%d,\"threads\":%d}",
                    s.conversations, added(s, 0.5, true), added(s, 0.99, true), added(s, 0.999, true),
                    added(s, 0.5, false), added(s, 0.99, false), added(s, 0.999, false),
                    s.direct.output.quantileMs(0.5), s.direct.output.quantileMs(0.99),
                    s.parley.output.quantileMs(0.5), s.parley.output.quantileMs(0.99),
                    s.parley.sent, s.parley.received, s.parley.upstreamSent, s.parley.upstreamReceived,
                    s.parley.dropped(), s.cpuPercent, s.heapPerConversationKiB, s.rssMib, s.threads));
        }
        return json.append(String.format(Locale.ROOT, "],\"handoffToModelRequestMs\":{\"p50\":%.3f,\"p99\":%.3f}}",
                handoffs.quantileMs(0.5), handoffs.quantileMs(0.99))).toString();
    }
}
