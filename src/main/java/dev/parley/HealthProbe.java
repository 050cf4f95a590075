package dev.parley;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container health check of {@code docker-compose.yml}: exits 0 when {@code /readyz} answers 200, else 1.
 * The runtime image is a JRE without curl, and its {@code /bin/sh} (dash) has no {@code /dev/tcp}, so the
 * check is this class alone, copied out of the build ({@code Dockerfile}) and run as
 * {@code java -cp /app/healthcheck dev.parley.HealthProbe}. It therefore uses nothing but the JDK: no Spring,
 * no other Parley class.
 */
public final class HealthProbe {

    /** Inside the healthcheck's own timeout, so a hung server reads as unhealthy rather than as a timeout. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private HealthProbe() {
    }

    /** {@code [url]}: what to check; without it {@code http://127.0.0.1:$SERVER_PORT/readyz} (port 8080 by default). */
    public static void main(String[] args) {
        URI uri = args.length > 0 ? URI.create(args[0]) : readyz(System.getenv("SERVER_PORT"));
        int status = status(uri);
        System.out.println(uri + " -> " + (status < 0 ? "unreachable" : "HTTP " + status));
        System.exit(status == 200 ? 0 : 1);
    }

    static URI readyz(String serverPort) {
        String port = serverPort == null || serverPort.isBlank() ? "8080" : serverPort.strip();
        return URI.create("http://127.0.0.1:" + port + "/readyz");
    }

    /** The HTTP status of a GET, or -1 when nothing answers in time. */
    static int status(URI uri) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
