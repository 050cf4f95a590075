package dev.parley.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test (Parley, the Codex app-server or the Node relay) as its own process, pinned to the
 * server core, with the readings the benchmark reports: CPU time, RSS, threads and (for a JVM) live heap.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)");

    final String name;
    final int port;
    final long startupMillis;
    private final Process process;
    private final String jcmd;

    /**
     * Starts {@code command} (prefixed with {@code taskset -c <cpu>} when pinning) and waits until
     * {@code readyPath} answers 200 over HTTP, or, when it is null, until the port accepts connections.
     */
    ServerProcess(String name, List<String> command, Map<String, String> env, int port, String readyPath, Path log,
            String cpu, String jcmd, long timeoutMillis) throws Exception {
        this.name = name;
        this.port = port;
        this.jcmd = jcmd;
        List<String> full = new ArrayList<>();
        if (cpu != null) {
            full.addAll(List.of("taskset", "-c", cpu));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = start + timeoutMillis * 1_000_000;
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; see " + log);
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " not ready within " + timeoutMillis + " ms; see " + log);
            }
            if (ready(http, readyPath)) {
                break;
            }
            Thread.sleep(50);
        }
        startupMillis = (System.nanoTime() - start) / 1_000_000;
    }

    private boolean ready(HttpClient http, String readyPath) throws InterruptedException {
        try {
            if (readyPath == null) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                    return true;
                }
            }
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + readyPath))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** CPU time (user + system) of the process so far, in milliseconds. */
    long cpuMillis() {
        return cpuMillis(process.pid());
    }

    /** CPU time of any process, from /proc/&lt;pid&gt;/stat (clock ticks of 10 ms); -1 when it is gone. */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    long rssKib() {
        return statusField("VmRSS:");
    }

    long threads() {
        return statusField("Threads:");
    }

    /**
     * Live heap in bytes (JVM servers only; -1 otherwise): the total of a class histogram, which the JVM takes
     * after a full GC. (Reading "heap used" after {@code GC.run} would also count what the running
     * conversations allocate meanwhile.)
     */
    long liveHeapBytes() throws Exception {
        if (jcmd == null) {
            return -1;
        }
        Process histogram = new ProcessBuilder(jcmd, Long.toString(process.pid()), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String output = new String(histogram.getInputStream().readAllBytes());
        histogram.waitFor();
        Matcher total = HISTOGRAM_TOTAL.matcher(output);
        return total.find() ? Long.parseLong(total.group(1)) : -1;
    }

    private long statusField(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
