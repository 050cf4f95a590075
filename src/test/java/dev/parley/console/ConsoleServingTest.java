package dev.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.RpcTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console is served from the jar at {@code /} without a token even when Parley requires one (the page
 * asks for the token and sends it on the WebSocket), and what the page then does passes the checks of
 * 02 §2.1: a same-origin upgrade of {@code /rpc} carrying {@code ?access_token=}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.security.token=s3cret", "parley.store.type=memory"})
class ConsoleServingTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageAndItsModulesAreServedWithoutAToken() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<title>Parley voice console</title>").contains("src=\"js/app.js\"");
        for (String module : new String[] {"/js/app.js", "/js/rpc.js", "/js/audio.js", "/js/mic-worklet.js",
                "/js/live.js", "/js/history.js", "/js/dom.js", "/js/ui.js", "/js/voice.js", "/js/threads.js"}) {
            HttpResponse<String> script = get(module);
            assertThat(script.statusCode()).as(module).isEqualTo(200);
            // browsers refuse ES modules and worklets served with a non-JavaScript type
            assertThat(script.headers().firstValue("Content-Type")).as(module)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
        }
        assertThat(get("/console.css").statusCode()).isEqualTo(200);
        assertThat(get("/favicon.svg").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/threads").statusCode()).as("the API still needs the token").isEqualTo(401);
    }

    @Test
    void theSameOriginUpgradeWithTheQueryTokenIsAccepted() {
        String origin = "http://127.0.0.1:" + port;
        try (RpcTestClient client = RpcTestClient.connect(URI.create("ws://127.0.0.1:" + port + "/rpc?access_token=s3cret"),
                Map.of("Origin", origin))) {
            assertThat(client.request("initialize", "{\"clientInfo\":{\"name\":\"parley_console\",\"version\":\"1.0\"}}")
                    .at("/result/userAgent").asString()).startsWith("parley_console/");
        }
    }
}
