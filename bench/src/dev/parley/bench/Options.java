package dev.parley.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's settings: {@code --name=value} arguments, each with a default that makes
 * {@code bench/run.sh} with no arguments a run of about five minutes.
 */
final class Options {

    final Path jar;
    final int[] steps;
    final int[] requestSteps;
    final int[] nodeSteps;
    final int[] codexSteps;
    final List<String> targets;
    final double windowSeconds;
    final int windows;
    final double warmupSeconds;
    final double jitWarmupSeconds;
    final double drainSeconds;
    final double setupSeconds;
    final boolean transcripts;
    final int handoffs;
    final String serverCpu;
    final String store;
    final String nodeRelay;
    final String codex;
    final double targetP50;
    final double targetP99At100;
    final double targetP99At300;
    final double targetCpuMicros;
    final double targetHeapKiB;
    private final Map<String, String> values = new HashMap<>();

    Options(String[] args) {
        int positional = 0;
        for (String arg : args) {
            if (!arg.startsWith("--") && positional < 2) {
                // the older form: run.sh [steps] [seconds per measured window]
                values.put(positional++ == 0 ? "steps" : "window", arg);
                continue;
            }
            if (!arg.startsWith("--") || !arg.contains("=") && !arg.equals("--transcripts")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            int eq = arg.indexOf('=');
            values.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        jar = values.containsKey("jar") ? Path.of(values.get("jar")) : builtJar();
        steps = ints(get("steps", "1,100,200,300"));
        requestSteps = ints(get("request-steps", get("steps", "1,100,300")));
        nodeSteps = ints(get("node-steps", get("steps", "1,100,200,300")));
        codexSteps = ints(get("codex-steps", "1,10,100"));
        targets = List.of(get("targets", "direct,parley,parley-request,node,codex").split(","));
        windowSeconds = Double.parseDouble(get("window", "3"));
        windows = Integer.parseInt(get("windows", "3"));
        warmupSeconds = Double.parseDouble(get("warmup", "3"));
        jitWarmupSeconds = Double.parseDouble(get("jit-warmup", "10"));
        drainSeconds = Double.parseDouble(get("drain", "2"));
        setupSeconds = Double.parseDouble(get("setup", "15"));
        transcripts = Set.of("1", "true", "yes").contains(get("transcripts", env("BENCH_TRANSCRIPTS", "false")).toLowerCase(java.util.Locale.ROOT));
        handoffs = Integer.parseInt(get("handoffs", "100"));
        String cpu = get("server-cpu", "1");
        serverCpu = cpu.isEmpty() || cpu.equals("none") ? null : cpu;
        store = get("store", env("BENCH_STORE", "memory"));
        nodeRelay = get("node-relay", "bench/node-relay/relay.js");
        codex = get("codex", "bench/codex/node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex");
        targetP50 = Double.parseDouble(get("target-p50", "0.3"));
        targetP99At100 = Double.parseDouble(get("target-p99-100", "2"));
        targetP99At300 = Double.parseDouble(get("target-p99-300", "5"));
        targetCpuMicros = Double.parseDouble(get("target-cpu-us", "15"));
        targetHeapKiB = Double.parseDouble(get("target-heap-kib", "64"));
    }

    boolean runs(String target) {
        return targets.contains(target);
    }

    /** Every conversation count some target runs at (the direct baseline runs at all of them). */
    int[] allSteps() {
        return java.util.stream.IntStream.concat(java.util.stream.IntStream.concat(Arrays.stream(steps),
                runs("parley-request") ? Arrays.stream(requestSteps) : java.util.stream.IntStream.empty()),
                java.util.stream.IntStream.concat(runs("node") ? Arrays.stream(nodeSteps) : java.util.stream.IntStream.empty(),
                        runs("codex") ? Arrays.stream(codexSteps) : java.util.stream.IntStream.empty()))
                .distinct().sorted().toArray();
    }

    static boolean has(int[] steps, int n) {
        return Arrays.stream(steps).anyMatch(s -> s == n);
    }

    private String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int[] ints(String csv) {
        return csv.isBlank() ? new int[0] : Arrays.stream(csv.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    }

    String describe() {
        return String.format(java.util.Locale.ROOT,
                "steps %s (request form %s, node %s, codex %s); %d windows x %.1f s after %.1f s warm-up (JIT warm-up %.0f s); "
                        + "store %s; transcripts %s; server cpu %s",
                Arrays.toString(steps), Arrays.toString(requestSteps), Arrays.toString(nodeSteps), Arrays.toString(codexSteps),
                windows, windowSeconds, warmupSeconds, jitWarmupSeconds, store, transcripts, serverCpu == null ? "unpinned" : serverCpu);
    }

    /**
     * The {@code target/parley-server-*.jar} the build made (the version is the pom's, not written here); where
     * there is none, a path that does not exist, reported when a Parley target starts.
     */
    private static Path builtJar() {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "parley-server-*.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        } catch (IOException e) {
            // no target folder: nothing built yet
        }
        return Path.of("target", "parley-server.jar");
    }
}
