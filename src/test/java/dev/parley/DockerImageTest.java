package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Builds the production image from the Dockerfile, starts it and asks {@code /readyz}. Skipped where no
 * Docker engine runs; the same readiness behaviour is covered by {@code ThreadsRestTest} on every build.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerImageTest {

    @Container
    static final GenericContainer<?> PARLEY = new GenericContainer<>(
            new ImageFromDockerfile("parley-server-test", true).withFileFromPath(".", Path.of(".")))
            .withEnv("PARLEY_SECURITY_TOKEN", "container-test-token")
            .withExposedPorts(8080)
            .waitingFor(Wait.forHttp("/readyz").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(5)));

    @Test
    void theImageStartsAndIsReady() throws Exception {
        URI readyz = URI.create("http://" + PARLEY.getHost() + ":" + PARLEY.getMappedPort(8080) + "/readyz");
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(readyz).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }
}
