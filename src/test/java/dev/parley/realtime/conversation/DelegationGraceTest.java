package dev.parley.realtime.conversation;

import static dev.parley.realtime.conversation.AgentHandoffV1Test.v1Out;
import static dev.parley.realtime.conversation.RealtimeFixtures.UP_AUDIO;
import static dev.parley.realtime.conversation.RealtimeFixtures.json;
import static dev.parley.realtime.conversation.RealtimeFixtures.su;
import static dev.parley.realtime.conversation.RealtimeFixtures.v1Handoff;
import static dev.parley.realtime.conversation.RealtimeFixtures.v1In;
import static dev.parley.testsupport.FakeResponses.builder;
import static dev.parley.testsupport.FakeResponses.msg;
import static dev.parley.testsupport.FakeResponses.userTexts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.FakeResponses;
import dev.parley.testsupport.FakeUpstream;
import dev.parley.testsupport.FakeUpstreamScript;
import dev.parley.testsupport.RpcTestClient;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The V1 delegation grace of seed 000 ({@code 04} §10) end to end: G0 … G3 of {@code 07} §6 and D-06 … D-08,
 * D-25 of §7, Profile P1 with the real turn layer. The default grace (1 s) unless a nested class says otherwise.
 * Timing bounds are the ones the cases state, measured between arrival times at the client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.realtime.version=v1", "parley.realtime.model=realtime-test-model", "parley.realtime.startup-context="})
class DelegationGraceTest extends AgentHandoffSupport {

    static final String SESSION_S = "{\"SessionUpdated\":{\"session_id\":\"s\",\"instructions\":\"backend prompt\"}}";

    /** G1's script, also used by D-07. */
    static FakeUpstreamScript lateUserWords() {
        return FakeUpstream.script().batch(su("s"), v1In("check the "),
                v1Handoff("handoff_g1", "item_g1", "check the build"), v1In("build"));
    }

    @Test
    void g0_lateTranscriptCollectedBeforeRouting() throws Exception {
        RealtimeClient c = started(FakeUpstream.script().batch(su("sess_inbound_multi"), v1Out("assistant context"),
                v1In("delegated "), v1Handoff("handoff_inbound_multi", "item_inbound_multi", "ignored"), v1In("query"),
                v1Out("assist confirm")), msg("ok"));
        assertThat(awaitHandoffItem(c, "handoff_inbound_multi")).isEqualTo(handoffItem("handoff_inbound_multi",
                "item_inbound_multi", "ignored", "[{\"role\":\"assistant\",\"text\":\"assistant context\"},"
                        + "{\"role\":\"user\",\"text\":\"delegated query\"},{\"role\":\"assistant\",\"text\":"
                        + "\"assist confirm\"},{\"role\":\"user\",\"text\":\"ignored\"}]"));
        int item = indexOf(c, isHandoffItem("handoff_inbound_multi"));
        assertThat(indexOf(c, isTranscriptDelta("query"))).isBetween(0, item);
        assertThat(indexOf(c, isTranscriptDelta("assist confirm"))).isBetween(0, item);
        awaitTurnCompleted(c);
        assertThat(lastUserText(RESPONSES.awaitRequests(1).getFirst())).isEqualTo(env("ignored",
                "assistant: assistant context\nuser: delegated query\nassistant: assist confirm\nuser: ignored"));
    }

    @Test
    void g1_lateUserWordsAreIncluded() throws Exception {
        RealtimeClient c = started(lateUserWords(), msg("ok"));
        awaitHandoffItem(c, "handoff_g1");
        RpcTestClient.Received item = first(c, isHandoffItem("handoff_g1"));
        assertThat(indexOf(c, isTranscriptDelta("build"))).isBetween(0, indexOf(c, isHandoffItem("handoff_g1")));
        // a lower bound only: a loaded machine can make the grace longer, never shorter
        assertThat(millisBetween(first(c, isEvent(SESSION_S)), item)).isGreaterThanOrEqualTo(800);
        awaitTurnCompleted(c);
        assertThat(lastUserText(RESPONSES.awaitRequests(1).getFirst()))
                .isEqualTo(env("check the build", "user: check the build"));
    }

    @Test
    void g2_lateAssistantWordsAreIncluded() throws Exception {
        RealtimeClient c = started(FakeUpstream.script().batch(su("s"), v1In("check the build"),
                v1Handoff("handoff_g2", "item_g2", "check the build"), v1Out("On it.")), msg("ok"));
        awaitTurnCompleted(c);
        assertThat(lastUserText(RESPONSES.awaitRequests(1).getFirst()))
                .isEqualTo(env("check the build", "user: check the build\nassistant: On it."));
        assertFrames(1, v1Append("handoff_g2", "ok"));
    }

    @Test
    void g3a_wordsAfterTheGraceGoToTheNextHandoff() throws Exception {
        RealtimeClient c = started(FakeUpstream.script()
                .batch(su("s"), v1In("first"), v1Handoff("handoff_g3a", "item_g3a", "first"))
                .batch()
                .batch(v1Out("late reply"), v1In("second"), v1Handoff("handoff_g3b", "item_g3b", "second")),
                msg("ok 1"), msg("ok 2"));
        awaitTurnCompleted(c);
        assertFrames(1, v1Append("handoff_g3a", "ok 1"));
        c.audio();
        awaitTurnCompleted(c);
        assertFrames(2, UP_AUDIO, v1Append("handoff_g3b", "ok 2"));
        List<FakeResponses.Request> requests = RESPONSES.awaitRequests(2);
        assertThat(lastUserText(requests.get(0))).isEqualTo(env("first", "user: first"));
        assertThat(lastUserText(requests.get(1))).isEqualTo(env("second", "assistant: late reply\nuser: second"));
    }

    @Test
    void d06_graceIsDuplicateFree() throws Exception {
        RealtimeClient c = started(FakeUpstream.script()
                .batch(su("s"), v1In("first "), v1Handoff("handoff_d1", "item_d1", "first question"), v1In("question"))
                .batch()
                .batch(v1In("second question"), v1Handoff("handoff_d2", "item_d2", "second question")),
                msg("ok 1"), msg("ok 2"));
        awaitTurnCompleted(c);
        assertFrames(1, v1Append("handoff_d1", "ok 1"));
        c.audio();
        awaitTurnCompleted(c);
        List<FakeResponses.Request> requests = RESPONSES.awaitRequests(2);
        assertThat(lastUserText(requests.get(0))).isEqualTo(env("first question", "user: first question"));
        // the absorbed "question" is not repeated in the next handoff's transcript delta
        assertThat(lastUserText(requests.get(1))).isEqualTo(env("second question", "user: second question"));
        assertThat(userTexts(requests.get(1))).hasSize(2);
    }

    @Test
    void d25_aTurnThatNeverCarriedTheHandoffCannotFinaliseIt() throws Exception {
        RealtimeClient c = started(FakeUpstream.script().batch(su("s"))
                        .batch(v1In("help me"), v1Handoff("handoff_t", "item_t", "help me")),
                builder().created().gate().message("typed answer").completed().build(), msg("delegated answer"));
        String typed = startTurn(c, "typed question");
        RESPONSES.awaitRequests(1);
        c.audio();
        c.rpc.await(isTranscriptDelta("help me"));
        RESPONSES.release();
        JsonNode first = awaitTurnCompleted(c);
        assertThat(first.get("id").asString()).isEqualTo(typed);
        JsonNode second = awaitTurnCompleted(c);
        assertThat(second.get("id").asString()).isNotEqualTo(typed);

        assertFrames(1, UP_AUDIO, v1Append("handoff_t", "delegated answer"));
        assertFrameCountStays(c, 3, 300);
        assertThat(UPSTREAM.connection(0).frames()).noneMatch(f -> f.contains("typed answer"));
        assertThat(lastUserText(RESPONSES.awaitRequests(2).get(1))).isEqualTo(env("help me", "user: help me"));
    }

    /** D-07: {@code parley.realtime.v1-handoff-grace=0}. */
    @Nested
    @TestPropertySource(properties = "parley.realtime.v1-handoff-grace=0")
    class GraceDisabled extends AgentHandoffSupport {

        @Test
        void d07_graceDisabledRoutesAtOnce() throws Exception {
            RealtimeClient c = started(lateUserWords(), msg("ok"));
            awaitTurnCompleted(c);
            assertThat(lastUserText(RESPONSES.awaitRequests(1).getFirst()))
                    .isEqualTo(env("check the build", "user: check the \nuser: check the build"));
            awaitReceived(c, isTranscriptDelta("build"));
            assertThat(indexOf(c, isHandoffItem("handoff_g1"))).isBetween(0, indexOf(c, isTranscriptDelta("build")));
        }
    }

    /** G3 (b): {@code parley.realtime.v1-handoff-grace=3s}. */
    @Nested
    @TestPropertySource(properties = "parley.realtime.v1-handoff-grace=3s")
    class ThreeSecondGrace extends AgentHandoffSupport {

        @Test
        void g3b_aSecondHandoffClosesTheFirstGraceAtOnce() throws Exception {
            RealtimeClient c = started(FakeUpstream.script().batch(su("s"), v1In("one"),
                    v1Handoff("handoff_g5a", "item_g5a", "one"), v1Handoff("handoff_g5b", "item_g5b", "two")),
                    msg("ok 1"), msg("ok 2"));
            JsonNode second = awaitHandoffItem(c, "handoff_g5b");
            RpcTestClient.Received session = first(c, isEvent(SESSION_S));
            assertThat(millisBetween(session, first(c, isHandoffItem("handoff_g5a")))).isLessThan(1_500);
            assertThat(millisBetween(session, first(c, isHandoffItem("handoff_g5b")))).isGreaterThanOrEqualTo(2_500);
            assertThat(first(c, isHandoffItem("handoff_g5a")).message().at("/params/item/active_transcript"))
                    .isEqualTo(json("[{\"role\":\"user\",\"text\":\"one\"}]"));
            assertThat(second.get("active_transcript")).isEqualTo(json("[{\"role\":\"user\",\"text\":\"two\"}]"));

            List<String> texts = RESPONSES.awaitRequests(2).stream().flatMap(r -> userTexts(r).stream()).toList();
            assertThat(texts).containsSubsequence(env("one", "user: one"), env("two", "user: two"));
        }
    }

    /** D-08: {@code parley.realtime.v1-handoff-grace=5s}. */
    @Nested
    @TestPropertySource(properties = "parley.realtime.v1-handoff-grace=5s")
    class FiveSecondGrace extends AgentHandoffSupport {

        @Test
        void d08_stopFlushesAHeldHandoff() throws Exception {
            RealtimeClient c = started(FakeUpstream.script().batch(su("s"), v1In("stop soon"),
                    v1Handoff("handoff_f", "item_f", "stop soon")), msg("ok"));
            c.rpc.await(isTranscriptDelta("stop soon"));
            c.quiet(100);
            long stopSent = System.nanoTime();
            long stop = c.stop();
            c.awaitClosed("requested");

            Predicate<JsonNode> stopResult = m -> m.has("id") && m.get("id").asLong() == stop;
            int result = indexOf(c, stopResult);
            int item = indexOf(c, isHandoffItem("handoff_f"));
            int closed = indexOf(c, isMethod("thread/realtime/closed"));
            assertThat(result).isNotNegative().isLessThan(item);
            assertThat(item).isLessThan(closed);
            assertThat(c.rpc.log().get(item).message().at("/params/item")).isEqualTo(handoffItem("handoff_f",
                    "item_f", "stop soon", "[{\"role\":\"user\",\"text\":\"stop soon\"}]"));
            assertThat(c.rpc.log().get(closed).nanos() - stopSent).isLessThan(2_000_000_000L);
            assertThat(c.rpc.log().get(result).message().get("result")).isEqualTo(json("{}"));

            // the delegated turn still runs, but its answer has no conversation to go to
            awaitTurnCompleted(c);
            assertThat(lastUserText(RESPONSES.awaitRequests(1).getFirst())).isEqualTo(env("stop soon", "user: stop soon"));
            c.quiet(300);
            assertThat(UPSTREAM.connection(0).frames()).hasSize(1)
                    .noneMatch(f -> f.contains("conversation.handoff.append"));
        }
    }
}
