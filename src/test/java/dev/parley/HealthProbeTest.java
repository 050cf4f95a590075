package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose healthcheck, run here as the container runs it: the command of {@code docker-compose.yml}, with
 * {@code /app/healthcheck} holding only what the {@code Dockerfile} copies there, against a running Parley.
 * ({@code DockerComposeIT} checks the same inside Docker where an engine exists.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthProbeTest {

    private static final String IMAGE_DIR = "/app/healthcheck";

    @LocalServerPort
    int port;

    @TempDir
    Path healthcheckDir;

    @Test
    void theProbeReadsReadinessOfARunningParley() {
        assertThat(HealthProbe.status(HealthProbe.readyz(String.valueOf(port)))).isEqualTo(200);
        assertThat(HealthProbe.readyz(null)).isEqualTo(URI.create("http://127.0.0.1:8080/readyz"));
        assertThat(HealthProbe.readyz(" 9090 ")).isEqualTo(URI.create("http://127.0.0.1:9090/readyz"));
    }

    @Test
    void theComposeHealthcheckCommandSucceedsAgainstParleyAndFailsWithoutIt() throws Exception {
        List<String> command = composeHealthcheck();
        assertThat(command).first().isEqualTo("CMD");
        assertThat(command).contains(IMAGE_DIR);
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertThat(dockerfile).contains("COPY --from=build /src/target/classes/dev/parley/HealthProbe.class "
                + IMAGE_DIR + "/dev/parley/");
        copyWhatTheDockerfileCopies();

        assertThat(run(command, port)).as("healthy Parley").isZero();
        assertThat(run(command, portNobodyListensOn())).as("nothing listening").isEqualTo(1);
    }

    @SuppressWarnings("unchecked")
    private static List<String> composeHealthcheck() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(in);
            Map<String, Object> parley = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("parley");
            return (List<String>) ((Map<String, Object>) parley.get("healthcheck")).get("test");
        }
    }

    private void copyWhatTheDockerfileCopies() throws Exception {
        Path classes = Path.of(HealthProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path target = Files.createDirectories(healthcheckDir.resolve("dev/parley"));
        Files.copy(classes.resolve("dev/parley/HealthProbe.class"), target.resolve("HealthProbe.class"));
    }

    /** The command as the container runs it: this JDK's {@code java}, the image directory mapped here. */
    private int run(List<String> command, int serverPort) throws Exception {
        List<String> local = new ArrayList<>();
        for (String arg : command.subList(1, command.size())) {
            local.add(switch (arg) {
                case "java" -> ProcessHandle.current().info().command().orElseThrow();
                case IMAGE_DIR -> healthcheckDir.toString();
                default -> arg;
            });
        }
        ProcessBuilder builder = new ProcessBuilder(local).redirectErrorStream(true);
        builder.environment().put("SERVER_PORT", String.valueOf(serverPort));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the probe exits; output: %s", output).isTrue();
        assertThat(output).contains("/readyz");
        return process.exitValue();
    }

    private static int portNobodyListensOn() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
