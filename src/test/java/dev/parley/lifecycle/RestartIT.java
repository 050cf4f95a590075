package dev.parley.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.FakeResponses;
import dev.parley.testsupport.ParleyProcess;
import dev.parley.testsupport.RpcTestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Restart survival (issue 9), process against process on one SQLite file: what a server answered before SIGTERM
 * it answers after a restart, field by field; after {@code kill -9} in the middle of a turn, that turn comes
 * back interrupted with a restart error, the thread idle, and the next turn's model request carries the
 * earlier turns.
 */
class RestartIT {

    private static final Duration EXIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void everyAnswerIsTheSameAfterSigtermAndRestart() throws Exception {
        List<String> args = ParleyProcess.sqliteStore(dir.resolve("parley.db"));
        ServerAnswers before;
        try (ParleyProcess parley = ParleyProcess.start("restart-sigterm-1", args).awaitReady();
                RpcTestClient client = RpcTestClient.initialized(parley.port())) {
            String dinner = start(client, "{\"name\":\"Dinner plans\"}");
            typedTurn(client, dinner, "Where should we eat tonight?");
            typedTurn(client, dinner, "Somewhere quiet, please");
            String unnamed = start(client, "{}");
            typedTurn(client, unnamed, "Remind me to call Sam");
            start(client, "{\"name\":\"Custom\",\"model\":\"gpt-test\",\"cwd\":\"/tmp/project\","
                    + "\"baseInstructions\":\"Be brief.\"}");
            assertThat(parley.post("/api/v1/threads", "{\"name\":\"From REST\"}").statusCode()).isEqualTo(201);
            String voice = start(client, "{\"name\":\"Voice booking\"}");
            voiceHandoff(client, voice);
            start(client, "{\"name\":\"Empty\"}");

            before = ServerAnswers.of(parley);
            assertThat(parley.terminate(EXIT)).isEqualTo(143);
        }
        System.out.println("thread/list before SIGTERM:\n" + before.listSummary());

        try (ParleyProcess parley = ParleyProcess.start("restart-sigterm-2", args).awaitReady()) {
            ServerAnswers after = ServerAnswers.of(parley);
            System.out.println("thread/list after restart:\n" + after.listSummary());
            after.assertSameAs(before);
            assertThat(after.threadIds).hasSize(6);
            System.out.println("restart: " + after.answers.size() + " answers compared, all equal");
            parley.terminate(EXIT);
        }
    }

    @Test
    void aTurnRunningAtKillComesBackInterruptedAndTheNextTurnSeesTheEarlierOnes() throws Exception {
        try (FakeResponses responses = FakeResponses.start()) {
            List<String> args = new ArrayList<>(ParleyProcess.sqliteStore(dir.resolve("parley.db")));
            args.addAll(List.of("--parley.agent.provider=openai", "--parley.agent.api-key=test-key",
                    "--parley.agent.base-url=" + responses.baseUrl()));
            responses.script(FakeResponses.msg("First answer."),
                    FakeResponses.builder().created().messageStart().delta("Half an ").gate().build());
            String threadId;
            String runningTurn;
            try (ParleyProcess parley = ParleyProcess.start("restart-kill-1", args).awaitReady();
                    RpcTestClient client = RpcTestClient.initialized(parley.port())) {
                threadId = start(client, "{\"name\":\"Crash\"}");
                typedTurn(client, threadId, "First question");
                runningTurn = client.request("turn/start", turnParams(threadId, "Second question"))
                        .at("/result/turn/id").asString();
                client.awaitNotification("item/agentMessage/delta");
                parley.kill();
            }

            responses.script(FakeResponses.msg("Third answer."));
            try (ParleyProcess parley = ParleyProcess.start("restart-kill-2", args).awaitReady();
                    RpcTestClient client = RpcTestClient.initialized(parley.port())) {
                JsonNode thread = client.request("thread/read", "{\"threadId\":\"" + threadId
                        + "\",\"includeTurns\":true}").at("/result/thread");
                System.out.println("after kill -9 and restart: " + thread);
                assertThat(thread.at("/status/type").asString()).isEqualTo("idle");
                JsonNode interrupted = thread.get("turns").get(1);
                assertThat(interrupted.get("id").asString()).isEqualTo(runningTurn);
                assertThat(interrupted.get("status").asString()).isEqualTo("interrupted");
                assertThat(interrupted.at("/error/message").asString()).containsIgnoringCase("restart");
                assertThat(client.request("thread/list", "{}").at("/result/data/0/status/type").asString())
                        .isEqualTo("idle");

                typedTurn(client, threadId, "Third question");
                FakeResponses.Request next = responses.awaitRequests(1).getFirst();
                assertThat(FakeResponses.userTexts(next))
                        .containsExactly("First question", "Second question", "Third question");
                assertThat(next.body().get("input").toString()).contains("First answer.");
                parley.terminate(EXIT);
            }
        }
    }

    private static String start(RpcTestClient client, String params) {
        return client.request("thread/start", params).at("/result/thread/id").asString();
    }

    private static String turnParams(String threadId, String text) {
        return "{\"threadId\":\"" + threadId + "\",\"input\":[{\"type\":\"text\",\"text\":\"" + text + "\"}]}";
    }

    /** Runs a typed turn to its end. */
    private static void typedTurn(RpcTestClient client, String threadId, String text) {
        JsonNode response = client.request("turn/start", turnParams(threadId, text));
        assertThat(response.has("result")).as(response.toString()).isTrue();
        JsonNode completed = client.await(m -> "turn/completed".equals(m.path("method").asString(""))
                && threadId.equals(m.at("/params/threadId").asString("")));
        assertThat(completed.at("/params/turn/status").asString()).isEqualTo("completed");
    }

    /**
     * A voice conversation against the simulator whose voice model hands off to the agent: the handoff turn
     * (with its {@code <realtime_delegation>} envelope) completes and the answer is spoken; then stop.
     */
    private static void voiceHandoff(RpcTestClient client, String threadId) {
        client.request("thread/realtime/start", "{\"threadId\":\"" + threadId + "\",\"outputModality\":\"audio\"}");
        client.awaitNotification("thread/realtime/started");
        client.request("thread/realtime/appendText", "{\"threadId\":\"" + threadId
                + "\",\"text\":\"agent: book a table for two\",\"createResponse\":true}");
        JsonNode completed = client.await(m -> "turn/completed".equals(m.path("method").asString(""))
                && threadId.equals(m.at("/params/threadId").asString("")));
        assertThat(completed.at("/params/turn/status").asString()).isEqualTo("completed");
        client.await(m -> "thread/realtime/transcript/done".equals(m.path("method").asString(""))
                && m.at("/params/text").asString("").contains("Working on it"));
        client.request("thread/realtime/stop", "{\"threadId\":\"" + threadId + "\"}");
        client.awaitNotification("thread/realtime/closed");
    }
}
