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

    private static final int IDLE_SOCKET_SLACK = 4;
    /** A class histogram row: {@code num: instances bytes class-name [module]}. */
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("(?m)^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");

    final String name;
    final int port;
    final long startupMillis;
    /** Sockets open once the server was ready, before any load (listeners, the store's connections). */
    private final long idleSockets;
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
        idleSockets = sockets();
    }

    /** The process's open sockets (listening and connected), from /proc/&lt;pid&gt;/fd; -1 when unreadable. */
    long sockets() {
        try (var fds = Files.list(Path.of("/proc/" + process.pid() + "/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            }).count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Waits (up to {@code timeoutMillis}) until the server has no more sockets open than when it became
     * ready, i.e. the previous phase's connections are really closed on its side too, so a live-heap reading
     * taken next does not still count them. A few sockets of slack: the benchmark's own keep-alive HTTP
     * connections (the readiness probe, the dropped-counter reads) may stay open. Returns false if the
     * connections were still open at the deadline.
     */
    boolean awaitIdleSockets(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            long open = sockets();
            if (open < 0 || idleSockets < 0 || open <= idleSockets + IDLE_SOCKET_SLACK) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
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
     * Live heap in bytes (JVM servers only; -1 otherwise): the sum of a class histogram, which the JVM takes
     * after a full GC, without the JVM's filler arrays ({@code jdk.internal.vm.FillerElement[]}, dead space
     * the histogram lists too and that moves by megabytes between two readings). Reading "heap used" after
     * {@code GC.run} would also count what the running conversations allocate meanwhile.
     */
    long liveHeapBytes() throws Exception {
        if (jcmd == null) {
            return -1;
        }
        Process histogram = new ProcessBuilder(jcmd, Long.toString(process.pid()), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String output = new String(histogram.getInputStream().readAllBytes());
        histogram.waitFor();
        return histogramLiveBytes(output);
    }

    /** The bytes column of a class histogram summed over every class but the JVM's fillers; -1 if none. */
    static long histogramLiveBytes(String histogram) {
        Matcher row = HISTOGRAM_ROW.matcher(histogram);
        long total = 0;
        boolean any = false;
        while (row.find()) {
            any = true;
            if (!row.group(2).contains("jdk.internal.vm.Filler")) {
                total += Long.parseLong(row.group(1));
            }
        }
        return any ? total : -1;
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

    /** Ends the server and whatever it started (a peer's helper processes must not load the next step's cores). */
    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
