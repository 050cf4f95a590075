package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@code docker compose up --build} as the README runs it: the image builds, postgres comes up, and Docker itself
 * reports Parley healthy through the compose healthcheck. Needs a Docker engine (skipped without one, as on the
 * development machine, where {@link HealthProbeTest} runs the same healthcheck command against a local Parley).
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerComposeIT {

    private static final int PARLEY_PORT = 8080;

    @Container
    static final ComposeContainer COMPOSE = new ComposeContainer(new File("docker-compose.yml"))
            .withBuild(true)
            .withRemoveVolumes(true)
            .withEnv("PARLEY_SECURITY_TOKEN", "compose-test-token")
            // the file publishes 8080 on the host; a free port keeps the test off whatever uses 8080 there
            .withEnv("PARLEY_HTTP_PORT", String.valueOf(freePort()))
            .withExposedService("parley", PARLEY_PORT, Wait.forHealthcheck())
            .withStartupTimeout(Duration.ofMinutes(15));

    @Test
    void dockerReportsParleyHealthyAndItAnswersReadiness() throws Exception {
        ContainerState parley = COMPOSE.getContainerByServiceName("parley").orElseThrow();
        assertThat(parley.isHealthy()).isTrue();

        URI readyz = URI.create("http://" + COMPOSE.getServiceHost("parley", PARLEY_PORT) + ":"
                + COMPOSE.getServicePort("parley", PARLEY_PORT) + "/readyz");
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(readyz).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"UP\"");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
