package dev.parley.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parley as a child process, for process-level tests ({@code *IT}, run by Failsafe): the jar that
 * {@code package} built ({@code target/parley-server-<version>.jar}, passed in as {@code parley.it.jar}), run by
 * the JDK that runs the tests, on a port of its own choosing ({@code --server.port=0}, read back from its log),
 * offline (no API key in its environment: the embedded simulator and the builtin agent unless the arguments
 * say otherwise). Its whole output goes to {@code target/parley-it/<name>.log}. {@link #terminate} sends SIGTERM
 * ({@link Process#destroy()} on Linux and macOS), {@link #kill} SIGKILL.
 *
 * <p>Why the jar and not {@code java -cp target/classes:…}: the jar is what ships (its nested libraries, its
 * resources, its {@code main}); Failsafe runs after {@code package}, so it is always the one just built.
 */
public final class ParleyProcess implements AutoCloseable {

    /** Start-up on a shared, loaded machine: generous, it only bounds a failure. */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

    private static final Pattern PORT = Pattern.compile("started on port (\\d+)");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private ParleyProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = awaitPort();
    }

    /** The built jar; fails with the command to build it when it is missing. */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("parley.it.jar", "target/parley-server-0.1.0.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no Parley jar at " + jar.toAbsolutePath()
                    + "; process-level tests run after package: ./mvnw verify");
        }
        return jar;
    }

    /** The arguments of a SQLite store in {@code file}. */
    public static List<String> sqliteStore(Path file) {
        return List.of("--parley.store.type=sqlite", "--parley.store.path=" + file);
    }

    /**
     * Starts {@code java -jar} on the built jar with {@code args} and waits until it listens; its log is
     * {@code target/parley-it/<name>.log} (replaced if it exists).
     */
    public static ParleyProcess start(String name, List<String> args) {
        try {
            Path logDir = Files.createDirectories(Path.of("target", "parley-it"));
            Path log = logDir.resolve(name + ".log");
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElseThrow());
            command.addAll(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8", "-jar",
                    jar().toString(), "--server.port=0", "--server.address=127.0.0.1",
                    "--parley.realtime.api-key=", "--parley.agent.api-key="));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(key -> key.startsWith("OPENAI_") || key.startsWith("PARLEY_")
                    || key.startsWith("SPRING_"));
            return new ParleyProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code /readyz} answers 200. */
    public ParleyProcess awaitReady() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (true) {
            try {
                if (get("/readyz").statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before it was ready; log: "
                        + log + "\n" + tail());
            }
            pause(deadline, "/readyz to answer 200");
        }
    }

    /** SIGTERM, then waits up to {@code within} for the exit; returns the exit code. */
    public int terminate(Duration within) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit within " + within + " of SIGTERM; log: " + log);
        }
        return process.exitValue();
    }

    /** SIGKILL ({@code kill -9}): no shutdown hook runs; returns once the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " still runs 30 s after SIGKILL; log: " + log);
        }
    }

    /** {@code GET http://127.0.0.1:<port><path>}. */
    public HttpResponse<String> get(String path) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** {@code POST} with a JSON body. */
    public HttpResponse<String> post(String path, String json) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The JSON body of a {@code GET} that must answer 200. */
    public JsonNode getJson(String path) throws IOException {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Reads the port from the log line of the web server's start. */
    private int awaitPort() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (true) {
            if (Files.exists(log)) {
                Matcher matcher = PORT.matcher(logText());
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before listening; log: "
                        + log + "\n" + tail());
            }
            pause(deadline, "the log line with the port");
        }
    }

    private String tail() {
        String text = Files.exists(log) ? logText() : "";
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    /** One step of a bounded wait for a condition outside this JVM (a log line, a port). */
    private void pause(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw new AssertionError(name + ": timed out after " + STARTUP_TIMEOUT + " waiting for " + what
                    + "; log: " + log + "\n" + tail());
        }
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
