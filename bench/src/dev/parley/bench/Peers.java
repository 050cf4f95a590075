package dev.parley.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How each server under test is launched: the one place where their command lines are built. */
final class Peers {

    private Peers() {
    }

    /** Parley's own arguments; the store follows {@code BENCH_STORE} ({@code --store}). */
    static List<String> parleyArgs(Options options, int port, int upstreamPort, String agentBaseUrl) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--parley.realtime.base-url=http://127.0.0.1:" + upstreamPort,
                "--parley.realtime.api-key=bench-not-a-secret",
                "--parley.simulator.enabled=false",
                "--parley.agent.provider=openai",
                "--parley.agent.base-url=" + agentBaseUrl,
                "--parley.agent.api-key=bench-not-a-secret",
                "--logging.level.root=WARN"));
        args.addAll(storeArgs(options.store));
        return args;
    }

    /** memory, sqlite (a fresh temp file) or postgres (only with BENCH_PG_URL, a JDBC URL). */
    static List<String> storeArgs(String store) throws Exception {
        return switch (store) {
            case "memory" -> List.of("--parley.store.type=memory");
            case "sqlite" -> {
                Path dir = Files.createTempDirectory("parley-bench-store");
                dir.toFile().deleteOnExit();
                yield List.of("--parley.store.type=sqlite", "--parley.store.path=" + dir.resolve("parley.db"));
            }
            case "postgres" -> {
                String url = System.getenv("BENCH_PG_URL");
                if (url == null || url.isBlank()) {
                    throw new IllegalArgumentException("BENCH_STORE=postgres is unsupported without BENCH_PG_URL "
                            + "(a JDBC URL such as jdbc:postgresql://127.0.0.1:5432/parley?user=u&password=p)");
                }
                yield List.of("--parley.store.type=postgres", "--spring.datasource.url=" + url);
            }
            default -> throw new IllegalArgumentException("BENCH_STORE must be memory, sqlite or postgres, not " + store);
        };
    }

    static ServerProcess parley(Options options, int upstreamPort, String agentBaseUrl) throws Exception {
        String javaHome = System.getProperty("java.home");
        int port = ServerProcess.freePort();
        List<String> command = new ArrayList<>(List.of(javaHome + "/bin/java", "-Xmx1g"));
        // extra server JVM options, e.g. -Dbench.serverJvmArgs=-XX:StartFlightRecording=filename=target/bench.jfr
        String extra = System.getProperty("bench.serverJvmArgs", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", options.jar.toString()));
        command.addAll(parleyArgs(options, port, upstreamPort, agentBaseUrl));
        return new ServerProcess("parley", command, Map.of(), port, "/readyz", Path.of("target/bench-parley.log"),
                options.serverCpu, javaHome + "/bin/jcmd", 180_000);
    }

    /** The minimal Node relay of bench/node-relay (its dependencies installed by run.sh). */
    static ServerProcess nodeRelay(Options options, int upstreamPort) throws Exception {
        int port = ServerProcess.freePort();
        return new ServerProcess("node", List.of("node", options.nodeRelay, "--port=" + port,
                "--upstream=http://127.0.0.1:" + upstreamPort), Map.of(), port, null,
                Path.of("target/bench-node-relay.log"), options.serverCpu, null, 30_000);
    }

    /**
     * The Codex app-server, pinned version of bench/codex, with a fresh CODEX_HOME that is also its HOME: Codex
     * starts the user's login shell to snapshot its environment, and with the real HOME that shell ran the
     * user's rc files (here {@code pyenv init}, whose background {@code pyenv rehash} processes outlived Codex by
     * a minute: dozens of them, a load average of 30, and the next step's server starved on its pinned core).
     */
    static ServerProcess codex(Options options, int upstreamPort) throws Exception {
        int port = ServerProcess.freePort();
        Path home = Files.createTempDirectory("parley-bench-codex-home");
        home.toFile().deleteOnExit();
        return new ServerProcess("codex", List.of(options.codex, "app-server", "--listen", "ws://127.0.0.1:" + port,
                "-c", "experimental_realtime_ws_base_url=\"http://127.0.0.1:" + upstreamPort + "\"",
                "-c", "realtime.version=\"v2\"", "-c", "realtime.transport=\"websocket\""),
                Map.of("CODEX_HOME", home.toString(), "HOME", home.toString(), "OPENAI_API_KEY", "dummy", "RUST_LOG", "warn"), port, null,
                Path.of("target/bench-codex.log"), options.serverCpu, null, 60_000);
    }
}
