package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.FakeResponses;
import dev.parley.testsupport.RpcTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole server on a SQLite file, closed and started again on the same file: every {@code thread/list},
 * {@code thread/read} (with and without turns), {@code thread/resume} and REST answer is the same, field by
 * field, and the threads take new turns.
 */
class SqliteRestartTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private static ConfigurableApplicationContext start(Path file) {
        return StoreStartupRefusalTest.start("--parley.store.type=sqlite", "--parley.store.path=" + file);
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static String runTurn(RpcTestClient client, String threadId, String text) {
        JsonNode started = client.request("turn/start", "{\"threadId\":\"" + threadId
                + "\",\"input\":[{\"type\":\"text\",\"text\":\"" + text + "\",\"text_elements\":[{\"k\":1}]}],"
                + "\"clientUserMessageId\":\"c-" + text + "\"}");
        String turnId = started.get("result").get("turn").get("id").asString();
        client.await(m -> "turn/completed".equals(m.path("method").asString(null))
                && turnId.equals(m.get("params").get("turn").get("id").asString()));
        return turnId;
    }

    /** Every read answer of the server, keyed by what was asked. */
    private Map<String, JsonNode> answers(int port, List<String> threadIds, String cursor) throws Exception {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        try (RpcTestClient client = RpcTestClient.initialized(port)) {
            answers.put("list", client.request("thread/list", "{}").get("result"));
            answers.put("list page 1", client.request("thread/list", "{\"limit\":1}").get("result"));
            answers.put("list page 2", client.request("thread/list", "{\"limit\":1,\"cursor\":\"" + cursor + "\"}")
                    .get("result"));
            for (String id : threadIds) {
                answers.put("read " + id, client.request("thread/read", "{\"threadId\":\"" + id + "\"}").get("result"));
                answers.put("read turns " + id, client.request("thread/read", "{\"threadId\":\"" + id
                        + "\",\"includeTurns\":true}").get("result"));
                answers.put("resume " + id, client.request("thread/resume", "{\"threadId\":\"" + id + "\"}")
                        .get("result"));
                answers.put("rest " + id, get(port, "/api/v1/threads/" + id + "?includeTurns=true"));
            }
        }
        answers.put("rest list", get(port, "/api/v1/threads"));
        return answers;
    }

    @Test
    void theFirstModelRequestAfterARestartCarriesTheEarlierTurns() throws Exception {
        Path file = dir.resolve("parley.db");
        try (FakeResponses responses = FakeResponses.start()) {
            String[] agent = {"--parley.store.type=sqlite", "--parley.store.path=" + file,
                    "--parley.agent.api-key=sk-test-store", "--parley.agent.base-url=" + responses.baseUrl()};
            String threadId;
            responses.script(FakeResponses.msg("the first answer"), FakeResponses.msg("the second answer"));
            try (ConfigurableApplicationContext first = StoreStartupRefusalTest.start(agent);
                    RpcTestClient client = RpcTestClient.initialized(port(first))) {
                threadId = client.request("thread/start", "{}").get("result").get("thread").get("id").asString();
                runTurn(client, threadId, "the first question");
            }
            try (ConfigurableApplicationContext second = StoreStartupRefusalTest.start(agent);
                    RpcTestClient client = RpcTestClient.initialized(port(second))) {
                client.request("thread/resume", "{\"threadId\":\"" + threadId + "\"}");
                runTurn(client, threadId, "the second question");
            }
            String context = responses.awaitRequests(2).get(1).body().get("input").toString();
            assertThat(context).contains("the first question", "the first answer", "the second question");
            assertThat(context.indexOf("the first question")).isLessThan(context.indexOf("the first answer"));
            assertThat(context.indexOf("the first answer")).isLessThan(context.indexOf("the second question"));
        }
    }

    @Test
    void everyAnswerIsTheSameAfterARestart() throws Exception {
        Path file = dir.resolve("store/parley.db");
        List<String> ids;
        String cursor;
        Map<String, JsonNode> before;
        try (ConfigurableApplicationContext first = start(file);
                RpcTestClient client = RpcTestClient.initialized(port(first))) {
            assertThat(first.getBeansOfType(javax.sql.DataSource.class)).as("only the store's own").hasSize(1);
            assertThat(first.getBean(dev.parley.thread.ThreadStore.class)).isInstanceOf(JdbcThreadStore.class);
            String a = client.request("thread/start", "{\"name\":\"alpha\",\"cwd\":\"/w\",\"baseInstructions\":\"terse\"}")
                    .get("result").get("thread").get("id").asString();
            String b = client.request("thread/start", "{\"ephemeral\":true,\"model\":\"other-model\"}")
                    .get("result").get("thread").get("id").asString();
            runTurn(client, a, "hello");
            runTurn(client, a, "again");
            runTurn(client, b, "bonjour");
            ids = List.of(a, b);
            cursor = client.request("thread/list", "{\"limit\":1}").get("result").get("nextCursor").asString();
            before = answers(port(first), ids, cursor);
        }
        JsonNode turns = before.get("read turns " + ids.getFirst()).get("thread").get("turns");
        assertThat(turns).hasSize(2);
        assertThat(turns.get(0).get("items")).hasSize(2);
        assertThat(turns.get(0).get("items").get(0).get("content").get(0).get("text_elements").get(0).get("k").asInt())
                .isEqualTo(1);

        try (ConfigurableApplicationContext second = start(file)) {
            Map<String, JsonNode> after = answers(port(second), ids, cursor);
            assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
            before.forEach((what, answer) -> assertThat(after.get(what)).as(what).isEqualTo(answer));

            try (RpcTestClient client = RpcTestClient.initialized(port(second))) {
                client.request("thread/resume", "{\"threadId\":\"" + ids.getFirst() + "\"}");
                runTurn(client, ids.getFirst(), "third");
                assertThat(client.request("thread/read", "{\"threadId\":\"" + ids.getFirst() + "\",\"includeTurns\":true}")
                        .get("result").get("thread").get("turns")).hasSize(3);
            }
        }
    }
}
