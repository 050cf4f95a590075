package dev.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One target at one conversation count: set the conversations up, stream, measure the windows, read the
 * server, tear everything down (so nothing of this phase keeps running into the next).
 */
final class Phase {

    private static final Pattern DROPPED = Pattern.compile("\"audioInDropped\"\\s*:\\s*(\\d+)");
    private static final Pattern OUT_DROPPED = Pattern.compile("\"audioOutDropped\"\\s*:\\s*(\\d+)");

    /** One direction in one window. */
    record Window(long expected, long received, long late, double p50, double p99, double p999) {
        long lost() {
            return Math.max(0, expected - received);
        }
    }

    /** Heap or RSS per conversation where it was not measured. */
    static final long NOT_MEASURED = Long.MIN_VALUE;

    /** What a phase measured. Heap and RSS per conversation are {@link #NOT_MEASURED} where not measured. */
    record Result(String target, int conversations, int setupFailed, String setupError, List<Window> input,
            List<Window> output, long[] serverCpuMillis, long[] generatorCpuMillis, double[] pacerLagP99Ms,
            double windowSeconds, long heapPerConversationKiB, long rssPerConversationKiB, long rssMiB, long threads,
            long errors, String lastError, long serverDropped, long generatorDropped) {

        long lost() {
            return input.stream().mapToLong(Window::lost).sum() + output.stream().mapToLong(Window::lost).sum();
        }

        long late() {
            return input.stream().mapToLong(Window::late).sum() + output.stream().mapToLong(Window::late).sum();
        }

        /**
         * Whether the target carried the step: every conversation up, no frame lost, and at most 0.1 % of the
         * frames later than 100 ms (a shared machine's hiccup is not a stall).
         */
        boolean sustained() {
            long expected = input.stream().mapToLong(Window::expected).sum() * 2;
            return setupFailed == 0 && lost() == 0 && late() * 1000 <= expected && serverDropped <= 0;
        }
    }

    private final Loop loop;
    private final Pacer pacer;
    private final FakeRealtimeUpstream upstream;
    private final ExecutorService setup;
    private final Options options;

    Phase(Loop loop, Pacer pacer, FakeRealtimeUpstream upstream, ExecutorService setup, Options options) {
        this.loop = loop;
        this.pacer = pacer;
        this.upstream = upstream;
        this.setup = setup;
        this.options = options;
    }

    /**
     * Runs {@code n} conversations of {@code target} against {@code server} (null: direct to the fake upstream).
     * With {@code measure} false it is a warm-up of {@code seconds}: nothing is recorded.
     */
    Result run(String target, Dialect dialect, ServerProcess server, int n, boolean measure, double seconds)
            throws Exception {
        boolean codex = target.equals("codex");
        boolean parley = target.startsWith("parley");
        boolean measureHeap = measure && parley && n >= 10;
        if (measureHeap && !server.awaitIdleSockets(10_000)) {
            System.err.println("  " + target + ": the previous phase's connections are still open; heap per conversation is not measured");
            measureHeap = false;
        }
        long heapBefore = measureHeap ? server.liveHeapBytes() : -1;
        long rssBefore = server == null ? -1 : server.rssKib();
        upstream.expect(n);
        int port = server == null ? upstream.port() : server.port;
        String path = server == null ? dialect.path : parley ? "/rpc" : "/";
        long setupDeadline = System.nanoTime() + (long) (options.setupSeconds * 1e9);
        List<BenchClient> clients = new ArrayList<>();
        List<Future<?>> pending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BenchClient client = new BenchClient(dialect, codex);
            clients.add(client);
            pending.add(setup.submit(() -> {
                client.setUp(loop, port, path, Math.max(1, (setupDeadline - System.nanoTime()) / 1_000_000));
                return null;
            }));
        }
        int failed = 0;
        String setupError = null;
        for (Future<?> future : pending) {
            try {
                future.get(Math.max(1, setupDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                future.cancel(true);
                failed++;
                if (setupError == null) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    setupError = cause.getClass().getSimpleName() + ": " + cause.getMessage();
                }
            }
        }
        long setUpAt = System.nanoTime();
        int windows = measure ? options.windows : 1;
        long windowNanos = (long) ((measure ? options.windowSeconds : seconds) * 1e9);
        long base = System.nanoTime() + 5_000_000;
        long start = base + (measure ? (long) (options.warmupSeconds * 1e9) : 0);
        Measurement m = new Measurement(start, windowNanos, windows);
        if (measure) {
            Measurement.current = m;
        }
        for (int i = 0; i < n; i++) {
            pacer.start(clients.get(i), base + i * Frames.FRAME_NANOS / n);
        }
        long self = ProcessHandle.current().pid();
        long[] serverCpu = new long[windows + 1];
        long[] generatorCpu = new long[windows + 1];
        for (int w = 0; w <= windows; w++) {
            sleepUntil(start + w * windowNanos);
            serverCpu[w] = server == null ? -1 : server.cpuMillis();
            generatorCpu[w] = ServerProcess.cpuMillis(self);
        }
        long expectedPerWindow = Math.round(n * Frames.PER_SECOND * windowNanos / 1e9);
        if (measure) {
            long drainDeadline = System.nanoTime() + (long) (options.drainSeconds * 1e9);
            long expected = expectedPerWindow * windows;
            while (System.nanoTime() < drainDeadline
                    && loop.call(() -> m.input.received() < expected || m.output.received() < expected)) {
                Thread.sleep(20);
            }
        }
        long heapAfter = heapBefore >= 0 ? server.liveHeapBytes() : -1;
        long rssAfter = server == null ? -1 : server.rssKib();
        long threads = server == null ? -1 : server.threads();
        Measurement.current = null;
        clients.forEach(Pacer.Stream::stop);
        // every stop is sent at once; a stalled peer gets 5 s in all, then its connections are closed
        CompletableFuture<?> stopped = CompletableFuture.allOf(clients.stream()
                .map(BenchClient::stopConversation).toArray(CompletableFuture[]::new));
        try {
            stopped.get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // closed below
        }
        long serverDropped = parley && measure ? parleyDropped(server, clients) : -1;
        clients.forEach(BenchClient::close);
        Thread.sleep(100);
        upstream.closeAll();
        loop.call(() -> null); // everything the loop recorded is visible from here on
        System.err.printf(java.util.Locale.ROOT, "  %s x%d: set-up %.1f s, streaming %.1f s, teardown %.1f s%n", target, n,
                (setUpAt - (setupDeadline - (long) (options.setupSeconds * 1e9))) / 1e9, (m.end() - base) / 1e9,
                (System.nanoTime() - m.end()) / 1e9);
        if (!measure) {
            return null;
        }
        List<Window> input = new ArrayList<>();
        List<Window> output = new ArrayList<>();
        double[] lag = new double[windows];
        for (int w = 0; w < windows; w++) {
            input.add(window(expectedPerWindow, m.input, w));
            output.add(window(expectedPerWindow, m.output, w));
            lag[w] = m.lag(w).quantileMs(0.99);
        }
        long[] serverWindows = new long[windows];
        long[] generatorWindows = new long[windows];
        for (int w = 0; w < windows; w++) {
            serverWindows[w] = server == null ? -1 : serverCpu[w + 1] - serverCpu[w];
            generatorWindows[w] = generatorCpu[w + 1] - generatorCpu[w];
        }
        long errors = clients.stream().mapToLong(c -> c.errors.get()).sum();
        String lastError = clients.stream().map(c -> c.lastError).filter(e -> e != null).findFirst().orElse(null);
        long generatorDropped = clients.stream().mapToLong(BenchClient::backlogDropped).sum();
        return new Result(target, n, failed, setupError, input, output, serverWindows, generatorWindows, lag,
                windowNanos / 1e9,
                heapBefore >= 0 && heapAfter >= 0 ? (heapAfter - heapBefore) / n / 1024 : NOT_MEASURED,
                rssBefore >= 0 && n >= 10 ? (rssAfter - rssBefore) / n : NOT_MEASURED, rssAfter < 0 ? -1 : rssAfter / 1024, threads, errors,
                lastError, serverDropped, generatorDropped);
    }

    private static Window window(long expected, Measurement.Direction direction, int w) {
        Samples sorted = Samples.merge(List.of(direction.samples[w]));
        return new Window(expected, direction.received[w], direction.late[w], sorted.quantileMs(0.5),
                sorted.quantileMs(0.99), sorted.quantileMs(0.999));
    }

    /**
     * The sum of Parley's own audioInDropped and audioOutDropped counters over the phase's threads (02 §8.2),
     * each direction's also printed; -1 if unreadable. The client is closed afterwards so its connections do not
     * outlive the phase (they would count as open sockets before the next heap reading).
     */
    private static long parleyDropped(ServerProcess server, List<BenchClient> clients) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            List<CompletableFuture<HttpResponse<String>>> states = new ArrayList<>();
            for (BenchClient client : clients) {
                if (client.threadId != null) {
                    states.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port
                            + "/api/v1/threads/" + client.threadId + "/realtime")).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString()));
                }
            }
            long input = 0;
            long output = 0;
            for (CompletableFuture<HttpResponse<String>> state : states) {
                try {
                    String body = state.get(15, TimeUnit.SECONDS).body();
                    Matcher dropped = DROPPED.matcher(body);
                    Matcher outDropped = OUT_DROPPED.matcher(body);
                    if (!dropped.find() || !outDropped.find()) {
                        return -1;
                    }
                    input += Long.parseLong(dropped.group(1));
                    output += Long.parseLong(outDropped.group(1));
                } catch (Exception e) {
                    return -1;
                }
            }
            System.err.printf(java.util.Locale.ROOT, "  server dropped: input %d, output %d%n", input, output);
            return input + output;
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, wait / 1_000_000), 0);
        }
    }
}
