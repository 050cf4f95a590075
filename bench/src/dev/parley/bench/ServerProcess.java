package dev.parley.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Parley server under test, as a separate JVM, with the readings the benchmark reports. */
final class ServerProcess implements AutoCloseable {

    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)");

    final int port;
    final long startupMillis;
    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String jcmd;

    ServerProcess(String javaHome, Path jar, int upstreamPort, String agentBaseUrl, Path log) throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        jcmd = javaHome + "/bin/jcmd";
        List<String> command = new ArrayList<>();
        // a command the server JVM runs under, e.g. -Dbench.serverCommandPrefix="taskset -c 1" (CPU pinning)
        String prefix = System.getProperty("bench.serverCommandPrefix", "").strip();
        if (!prefix.isEmpty()) {
            command.addAll(List.of(prefix.split("\\s+")));
        }
        command.addAll(List.of(javaHome + "/bin/java", "-Xmx1g"));
        // extra server JVM options, e.g. -Dbench.serverJvmArgs=-XX:StartFlightRecording=filename=target/bench.jfr
        String extra = System.getProperty("bench.serverJvmArgs", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + port,
                "--parley.realtime.base-url=http://127.0.0.1:" + upstreamPort,
                "--parley.realtime.api-key=bench-not-a-secret",
                "--parley.simulator.enabled=false",
                "--parley.agent.provider=openai",
                "--parley.agent.base-url=" + agentBaseUrl,
                "--parley.agent.api-key=bench-not-a-secret",
                "--logging.level.root=WARN"));
        long start = System.nanoTime();
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        URI readyz = URI.create("http://127.0.0.1:" + port + "/readyz");
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Parley exited during start-up; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        startupMillis = (System.nanoTime() - start) / 1_000_000;
    }

    /** CPU time (user + system) of the server so far, in milliseconds. */
    long cpuMillis() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 10;
    }

    long rssKib() throws IOException {
        return statusField("VmRSS:");
    }

    long threads() throws IOException {
        return statusField("Threads:");
    }

    /**
     * Live heap in bytes: the total of a class histogram, which the JVM takes after a full GC. (Reading
     * "heap used" after {@code GC.run} would also count what the running conversations allocate meanwhile.)
     */
    long liveHeapBytes() throws Exception {
        Process histogram = new ProcessBuilder(jcmd, Long.toString(process.pid()), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String output = new String(histogram.getInputStream().readAllBytes());
        histogram.waitFor();
        Matcher total = HISTOGRAM_TOTAL.matcher(output);
        return total.find() ? Long.parseLong(total.group(1)) : -1;
    }

    private long statusField(String name) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
