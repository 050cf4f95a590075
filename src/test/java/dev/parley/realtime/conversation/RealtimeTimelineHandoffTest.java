package dev.parley.realtime.conversation;

import static dev.parley.realtime.conversation.RealtimeFixtures.su;
import static dev.parley.realtime.conversation.RealtimeFixtures.v1Handoff;
import static dev.parley.realtime.conversation.RealtimeFixtures.v1In;
import static dev.parley.realtime.conversation.RealtimeFixtures.v2Call;
import static dev.parley.realtime.conversation.RealtimeTimelineOrderTest.inDelta;
import static dev.parley.realtime.conversation.RealtimeTimelineOrderTest.inDone;
import static dev.parley.testsupport.FakeResponses.builder;
import static dev.parley.testsupport.FakeResponses.msg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.FakeResponses;
import dev.parley.testsupport.FakeUpstream;
import dev.parley.testsupport.FakeUpstreamScript;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * {@code turnInputAccepted} ({@code 09} §2, §3.3) with the real turn layer: a started and a steered turn, an
 * unrouted handoff, and {@code clientManagedHandoffs}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "parley.realtime.startup-context=")
class RealtimeTimelineHandoffTest extends AgentHandoffSupport {

    RealtimeClient startedWith(String startParams, FakeUpstreamScript upstream, FakeResponses.Script... responses) {
        RESPONSES.script(responses);
        UPSTREAM.reset(upstream);
        RealtimeClient c = client();
        c.awaitResponse(c.start(startParams));
        c.awaitNotification("thread/realtime/started");
        return c;
    }

    static JsonNode turnInputAccepted(TimelineTrace trace) {
        return trace.completedItems().stream().filter(i -> "turnInputAccepted".equals(i.get("type").asString()))
                .findFirst().orElseThrow(() -> new AssertionError("no turnInputAccepted in " + trace.lines()));
    }

    /** The user-message item of {@code item/started} whose text is {@code text}. */
    static JsonNode userItem(RealtimeClient c, String text) {
        return c.rpc.log().stream().map(r -> r.message())
                .filter(m -> "item/started".equals(m.path("method").asString(""))
                        && "userMessage".equals(m.at("/params/item/type").asString(""))
                        && text.equals(m.at("/params/item/content/0/text").asString("")))
                .findFirst().orElseThrow(() -> new AssertionError("no user item with " + text));
    }

    static List<String> stopAndTrace(RealtimeClient c) {
        c.stop();
        c.awaitClosed("requested");
        return TimelineTrace.of(c.rpc).lines();
    }

    @Test
    void v2_startedTurn_linksTheHandoffToTheNewTurnAndItsUserItem() {
        RealtimeClient c = startedWith("", FakeUpstream.script().batch(su("s"), inDelta("v2", "find a "),
                inDone("find a table"), v2Call("call_1", "item_1", "find a table for four")), msg("Booked."));
        String turnId = c.awaitNotification("turn/started").at("/params/turn/id").asString();
        awaitTurnCompleted(c);
        List<String> lines = stopAndTrace(c);
        TimelineTrace trace = TimelineTrace.of(c.rpc);

        assertThat(lines).containsSubsequence("item/completed S1 user 'find a '",
                "item/started turnInputAccepted call_1 start [S1]",
                "item/completed turnInputAccepted call_1 start [S1]", "closed requested");
        JsonNode accepted = turnInputAccepted(trace);
        assertThat(accepted.get("turnId").asString()).isEqualTo(turnId);
        assertThat(accepted.get("input").asString()).startsWith("<realtime_delegation>\n  <input>find a table for four");
        JsonNode user = userItem(c, accepted.get("input").asString());
        assertThat(user.at("/params/turnId").asString()).isEqualTo(turnId);
        assertThat(accepted.get("inputItemId").asString()).isEqualTo(user.at("/params/item/id").asString());
        assertThat(accepted.get("sourceEventIds")).containsExactly(
                RealtimeFixtures.JSON.getNodeFactory().stringNode(trace.id("S1")));
        // the handoff_request item still follows its routing; the link precedes it
        assertThat(indexOf(c, isHandoffItem("call_1"))).isGreaterThan(indexOf(c,
                m -> "thread/realtime/item/completed".equals(m.path("method").asString(""))
                        && "turnInputAccepted".equals(m.at("/params/item/type").asString(""))));

        JsonNode list = c.call("thread/realtime/list", "\"order\":\"position\"").get("result");
        System.out.println("TIMELINE-REPORT notifications (V2, started turn):\n  " + String.join("\n  ", lines));
        System.out.println("TIMELINE-REPORT thread/realtime/list: " + list);
        assertThat(list.get("data")).hasSize(4);
        assertThat(list.at("/data/2/item")).isEqualTo(accepted);
        assertThat(list.at("/data/1/item/type").asString()).isEqualTo("frame");
        assertThat(list.at("/data/1/item/channels/voice_transcript/text").asString()).isEqualTo("find a ");
    }

    @Test
    void v2_steeredTurn_linksTheHandoffToTheRunningTurnAndTheSteerItem() throws Exception {
        RealtimeClient c = startedWith("", FakeUpstream.script().batch(su("s"))
                        .batch(inDone("also check the logs"), v2Call("call_1", "item_1", "also check the logs")),
                builder().created().gate().message("first done").completed().build(), msg("logs clean"));
        String turnId = startTurn(c, "first prompt");
        RESPONSES.awaitRequests(1);
        c.audio();
        awaitHandoffItem(c, "call_1");
        RESPONSES.release();
        awaitTurnCompleted(c);
        TimelineTrace trace = TimelineTrace.of(c.rpc);

        assertThat(stopAndTrace(c)).containsSubsequence("item/completed S1 user 'also check the logs'",
                "item/completed turnInputAccepted call_1 steer [S1]");
        JsonNode accepted = turnInputAccepted(trace);
        assertThat(accepted.get("turnId").asString()).isEqualTo(turnId);
        JsonNode steer = userItem(c, accepted.get("input").asString());
        assertThat(steer.at("/params/turnId").asString()).isEqualTo(turnId);
        assertThat(accepted.get("inputItemId").asString()).isEqualTo(steer.at("/params/item/id").asString())
                .isNotEqualTo(userItem(c, "first prompt").at("/params/item/id").asString());
    }

    @Test
    void v1_startedTurn_afterTheGrace() {
        RealtimeClient c = startedWith("\"version\":\"v1\"", FakeUpstream.script().batch(su("s"),
                v1In("book a table"), v1Handoff("h1", "i1", "book a table")), msg("Done."));
        String turnId = c.awaitNotification("turn/started").at("/params/turn/id").asString();
        awaitTurnCompleted(c);

        assertThat(stopAndTrace(c)).containsSubsequence("item/delta S1 'book a table'",
                "item/completed turnInputAccepted h1 start [S1]", "item/completed S1 user 'book a table'");
        JsonNode accepted = turnInputAccepted(TimelineTrace.of(c.rpc));
        assertThat(accepted.get("turnId").asString()).isEqualTo(turnId);
        assertThat(accepted.get("inputItemId").asString())
                .isEqualTo(userItem(c, accepted.get("input").asString()).at("/params/item/id").asString());
    }

    @Test
    void unroutedHandoff_producesNoTurnInputAccepted() {
        // no arguments and no transcript: no delegation envelope, so nothing is routed (04 §11)
        RealtimeClient c = startedWith("", FakeUpstream.script().batch(su("s"), "{\"type\":\"conversation.item.done\","
                + "\"item\":{\"id\":\"item_1\",\"type\":\"function_call\",\"name\":\"background_agent\","
                + "\"call_id\":\"call_1\",\"arguments\":\"\"}}"));
        awaitHandoffItem(c, "call_1");

        assertThat(stopAndTrace(c)).noneMatch(line -> line.contains("turnInputAccepted"));
        assertThat(count(c, isMethod("turn/started"))).isZero();
    }

    @Test
    void clientManagedHandoffs_sendNothingUpstreamAfterTheAgentAnswers() throws Exception {
        RealtimeClient c = startedWith("\"clientManagedHandoffs\":true", FakeUpstream.script()
                .batch(su("s"), v2Call("call_1", "item_1", "check the build")), FakeResponses.msgs("working", "done"));
        awaitHandoffItem(c, "call_1");
        assertThat(awaitTurnCompleted(c).get("status").asString()).isEqualTo("completed");

        // only session.update: no [BACKEND] progress, no function_call_output, no response.create
        assertFrameCountStays(c, 1, 300);
        assertThat(UPSTREAM.connection(0).frame(0).get("type").asString()).isEqualTo("session.update");
        assertThat(stopAndTrace(c)).contains("item/completed turnInputAccepted call_1 start []");
    }
}
