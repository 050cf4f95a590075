package dev.parley.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import dev.parley.protocol.ClientInfo;
import dev.parley.protocol.InitializeCapabilities;
import dev.parley.protocol.InitializeParams;
import dev.parley.protocol.InitializeResponse;
import dev.parley.protocol.v2.ProtocolRegistry;
import dev.parley.protocol.v2.ProtocolRegistry.NotificationMethod;
import dev.parley.protocol.v2.ProtocolRegistry.RequestMethod;
import dev.parley.protocol.RealtimeAudioFrame;
import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.protocol.RealtimeEvent;
import dev.parley.protocol.RealtimeEventVariant;
import dev.parley.protocol.RealtimeHandoffRequested;
import dev.parley.protocol.RealtimeInputAudioSpeechStarted;
import dev.parley.protocol.RealtimeNoopRequested;
import dev.parley.protocol.RealtimeOutputModality;
import dev.parley.protocol.RealtimeResponseCancelled;
import dev.parley.protocol.RealtimeResponseCreated;
import dev.parley.protocol.RealtimeResponseDone;
import dev.parley.protocol.RealtimeTranscriptDelta;
import dev.parley.protocol.RealtimeTranscriptDone;
import dev.parley.protocol.RealtimeTranscriptEntry;
import dev.parley.protocol.RealtimeVoice;
import dev.parley.protocol.RealtimeVoicesList;
import dev.parley.protocol.WireJson;
import dev.parley.protocol.v2.AgentMessageDeltaNotification;
import dev.parley.protocol.v2.ApprovalsReviewer;
import dev.parley.protocol.v2.AskForApproval;
import dev.parley.protocol.v2.CodexErrorInfo;
import dev.parley.protocol.v2.ErrorNotification;
import dev.parley.protocol.v2.ItemCompletedNotification;
import dev.parley.protocol.v2.ItemStartedNotification;
import dev.parley.protocol.v2.SandboxPolicy;
import dev.parley.protocol.v2.SessionSource;
import dev.parley.protocol.v2.ThreadItem;
import dev.parley.protocol.v2.ThreadListResponse;
import dev.parley.protocol.v2.ThreadReadResponse;
import dev.parley.protocol.v2.ThreadRealtimeAppendAudioParams;
import dev.parley.protocol.v2.ThreadRealtimeAppendTextParams;
import dev.parley.protocol.v2.ThreadRealtimeAudioChunk;
import dev.parley.protocol.v2.ThreadRealtimeClosedNotification;
import dev.parley.protocol.v2.ThreadRealtimeErrorNotification;
import dev.parley.protocol.v2.ThreadRealtimeEventNotification;
import dev.parley.protocol.v2.ThreadRealtimeCoverage;
import dev.parley.protocol.v2.ThreadRealtimeEntry;
import dev.parley.protocol.v2.ThreadRealtimeFrameChannels;
import dev.parley.protocol.v2.ThreadRealtimeHandoffMode;
import dev.parley.protocol.v2.ThreadRealtimeItem;
import dev.parley.protocol.v2.ThreadRealtimeItemAddedNotification;
import dev.parley.protocol.v2.ThreadRealtimeItemCompletedNotification;
import dev.parley.protocol.v2.ThreadRealtimeItemStartedNotification;
import dev.parley.protocol.v2.ThreadRealtimeItemTranscriptDeltaNotification;
import dev.parley.protocol.v2.ThreadRealtimeListResponse;
import dev.parley.protocol.v2.ThreadRealtimeSessionOutcome;
import dev.parley.protocol.v2.ThreadRealtimeTranscriptRole;
import dev.parley.protocol.v2.ThreadRealtimeVoiceTranscript;
import dev.parley.protocol.v2.ThreadRealtimeListVoicesResponse;
import dev.parley.protocol.v2.ThreadRealtimeOutputAudioDeltaNotification;
import dev.parley.protocol.v2.ThreadRealtimeStartParams;
import dev.parley.protocol.v2.ThreadRealtimeStartTransport;
import dev.parley.protocol.v2.ThreadRealtimeStartedNotification;
import dev.parley.protocol.v2.ThreadRealtimeStopResponse;
import dev.parley.protocol.v2.ThreadRealtimeTranscriptDeltaNotification;
import dev.parley.protocol.v2.ThreadRealtimeTranscriptDoneNotification;
import dev.parley.protocol.v2.ThreadStartResponse;
import dev.parley.protocol.v2.ThreadStartedNotification;
import dev.parley.protocol.v2.ThreadStatus;
import dev.parley.protocol.v2.ThreadStatusChangedNotification;
import dev.parley.protocol.v2.ThreadUnsubscribeResponse;
import dev.parley.protocol.v2.ThreadUnsubscribeStatus;
import dev.parley.protocol.v2.Turn;
import dev.parley.protocol.v2.TurnCompletedNotification;
import dev.parley.protocol.v2.TurnError;
import dev.parley.protocol.v2.TurnItemsView;
import dev.parley.protocol.v2.TurnStartParams;
import dev.parley.protocol.v2.TurnStartResponse;
import dev.parley.protocol.v2.TurnStartedNotification;
import dev.parley.protocol.v2.TurnStatus;
import dev.parley.protocol.v2.UserInput;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@link WireJson#mapper()} writes for the protocol records validates against the generated schemas,
 * so the schema and the Jackson output cannot drift apart.
 */
class WireConformanceTest {

    private static final Map<String, Schema> SCHEMAS = new HashMap<>();

    private static final String THREAD_ID = "01a2001f-9700-7c3e-9b1a-4f2d8e6a1c01";
    private static final String TURN_ID = "01a2001f-a128-7d44-8e0b-2a6c9f13b7d2";

    private static final ThreadItem USER_ITEM = new ThreadItem.UserMessage("item-1", null,
            List.of(new UserInput.Text("What day is it tomorrow?")));
    private static final ThreadItem AGENT_ITEM = new ThreadItem.AgentMessage("item-2", "Tomorrow is Sunday.");
    private static final Turn FAILED_TURN = new Turn(TURN_ID, List.of(USER_ITEM, AGENT_ITEM), TurnItemsView.FULL,
            TurnStatus.FAILED, new TurnError("upstream said no", CodexErrorInfo.BAD_REQUEST, null), 1795298402L,
            1795298403L, 802L);
    private static final Turn NEW_TURN = new Turn(TURN_ID, List.of(), TurnItemsView.NOT_LOADED,
            TurnStatus.IN_PROGRESS, null, null, null, null);
    private static final dev.parley.protocol.v2.Thread THREAD = new dev.parley.protocol.v2.Thread(THREAD_ID,
            THREAD_ID, "What day is it tomorrow?", false, "builtin", 1795298400L, 1795298403L, ThreadStatus.ACTIVE,
            "/home/me/p", "0.1.0", SessionSource.APP_SERVER, null, List.of(FAILED_TURN));

    @BeforeAll
    static void loadSchemas() {
        SchemaExport.parley().jsonFiles().forEach((path, json) -> SCHEMAS.put(path, SchemaValidation.load(json)));
    }

    @Test
    void responsesValidateAgainstTheirResponseSchemas() {
        assertValid("v1/InitializeResponse.json",
                new InitializeResponse("demo/0.1.0 (Linux 6.1; amd64) parley-server", "unix", "linux"));
        assertValid("v2/ThreadReadResponse.json", new ThreadReadResponse(THREAD));
        assertValid("v2/ThreadListResponse.json", new ThreadListResponse(List.of(THREAD), null));
        assertValid("v2/ThreadStartResponse.json", new ThreadStartResponse(THREAD, "gpt-5.1", "builtin", "",
                AskForApproval.NEVER, ApprovalsReviewer.USER, new SandboxPolicy.ReadOnly(false)));
        assertValid("v2/TurnStartResponse.json", new TurnStartResponse(NEW_TURN));
        assertValid("v2/ThreadUnsubscribeResponse.json",
                new ThreadUnsubscribeResponse(ThreadUnsubscribeStatus.NOT_SUBSCRIBED));
        assertValid("v2/ThreadRealtimeListVoicesResponse.json",
                new ThreadRealtimeListVoicesResponse(RealtimeVoicesList.standard()));
        assertValid("v2/ThreadRealtimeStopResponse.json", new ThreadRealtimeStopResponse());
        assertValid("v2/ThreadRealtimeListResponse.json", new ThreadRealtimeListResponse(List.of(
                new ThreadRealtimeEntry(0, new ThreadRealtimeItem.RealtimeSessionStarted("realtime-session-start:rs-1",
                        "rs-1", 1795298401000L)),
                new ThreadRealtimeEntry(1, new ThreadRealtimeItem.Frame("seg-1", "rs-1", 1795298402000L,
                        new ThreadRealtimeFrameChannels(new ThreadRealtimeVoiceTranscript(
                                ThreadRealtimeTranscriptRole.ASSISTANT, "Sure.")))),
                new ThreadRealtimeEntry(2, new ThreadRealtimeItem.RealtimeSessionClosed("c-1", "rs-1", 1795298404000L,
                        ThreadRealtimeSessionOutcome.FAILED))), "cursor", 3, 3, ThreadRealtimeCoverage.READY));
    }

    @Test
    void everyServerNotificationValidatesInItsEnvelope() {
        List<Record> samples = List.of(
                new ErrorNotification(new TurnError("conversation is not running", CodexErrorInfo.BAD_REQUEST,
                        null), false, THREAD_ID, TURN_ID),
                new ThreadStartedNotification(THREAD),
                new ThreadStatusChangedNotification(THREAD_ID, ThreadStatus.IDLE),
                new TurnStartedNotification(THREAD_ID, NEW_TURN),
                new TurnCompletedNotification(THREAD_ID, FAILED_TURN),
                new ItemStartedNotification(AGENT_ITEM, THREAD_ID, TURN_ID, 1795298402000L),
                new ItemCompletedNotification(USER_ITEM, THREAD_ID, TURN_ID, 1795298403050L),
                new AgentMessageDeltaNotification(THREAD_ID, TURN_ID, "item-2", "Tomorrow"),
                new ThreadRealtimeStartedNotification(THREAD_ID, THREAD_ID, RealtimeConversationVersion.V2),
                new ThreadRealtimeItemAddedNotification(THREAD_ID, json("{\"type\":\"response.cancelled\",\"response_id\":null}")),
                new ThreadRealtimeItemStartedNotification(THREAD_ID, new ThreadRealtimeItem.TranscriptSegment("seg-1",
                        "rs-1", 1795298402000L, ThreadRealtimeTranscriptRole.USER, "")),
                new ThreadRealtimeItemTranscriptDeltaNotification(THREAD_ID, "seg-1", "book a table "),
                new ThreadRealtimeItemCompletedNotification(THREAD_ID, new ThreadRealtimeItem.TurnInputAccepted("acc-1",
                        "rs-1", 1795298403000L, "call_1", TURN_ID, ThreadRealtimeHandoffMode.STEER, List.of("seg-1"),
                        "item-9", "<realtime_delegation>…</realtime_delegation>")),
                new ThreadRealtimeTranscriptDeltaNotification(THREAD_ID, "user", "book a table "),
                new ThreadRealtimeTranscriptDoneNotification(THREAD_ID, "assistant", "Sure, one moment."),
                new ThreadRealtimeOutputAudioDeltaNotification(THREAD_ID,
                        new ThreadRealtimeAudioChunk("AAABAAIA", 24000, 1, null, "item_out_1")),
                new ThreadRealtimeErrorNotification(THREAD_ID, "webrtc transport is not supported"),
                new ThreadRealtimeClosedNotification(THREAD_ID, "requested"),
                new ThreadRealtimeEventNotification(THREAD_ID, new RealtimeEvent.Error("Invalid value: 'pcm8'.")));

        Map<Class<?>, String> methods = ProtocolRegistry.SERVER_NOTIFICATIONS.stream()
                .collect(Collectors.toMap(NotificationMethod::params, NotificationMethod::method));
        assertThat(samples.stream().map(Object::getClass).collect(Collectors.toSet()))
                .isEqualTo(methods.keySet());
        for (Record params : samples) {
            assertValid("ServerNotification.json", notification(methods.get(params.getClass()), params));
        }
    }

    @Test
    void everyRealtimeEventVariantValidatesAloneAndInsideTheEventNotification() {
        List<RealtimeEvent> events = List.of(
                new RealtimeEvent.SessionUpdated("sess_C2x9", null),
                new RealtimeEvent.InputTranscriptDelta(new RealtimeTranscriptDelta("book a table ")),
                new RealtimeEvent.OutputTranscriptDelta(new RealtimeTranscriptDelta("Sure")),
                new RealtimeEvent.AudioOut(new RealtimeAudioFrame("AAABAAIA", 24000, 1, 4, null)),
                new RealtimeEvent.ConversationItemAdded(json("{\"id\":\"item_u1\",\"type\":\"message\"}")),
                new RealtimeEvent.ConversationItemDone("item_u1"),
                new RealtimeEvent.HandoffRequested(new RealtimeHandoffRequested("call_7", "item_fc7",
                        "find a table", List.of(new RealtimeTranscriptEntry("user", "find a table")))),
                new RealtimeEvent.Error("Conversation already has an active response in progress"),
                new RealtimeEvent.InputAudioSpeechStarted(new RealtimeInputAudioSpeechStarted(null)),
                new RealtimeEvent.InputTranscriptDone(new RealtimeTranscriptDone("book a table")),
                new RealtimeEvent.OutputTranscriptDone(new RealtimeTranscriptDone("Sure, one moment.")),
                new RealtimeEvent.ResponseCreated(new RealtimeResponseCreated("resp_1")),
                new RealtimeEvent.ResponseCancelled(new RealtimeResponseCancelled(null)),
                new RealtimeEvent.ResponseDone(new RealtimeResponseDone("resp_1")),
                new RealtimeEvent.NoopRequested(new RealtimeNoopRequested("call_8", "item_fc8")));

        assertThat(events.stream().map(RealtimeEventVariant::of).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(RealtimeEventVariant.inOrder());
        for (RealtimeEvent event : events) {
            assertValid("RealtimeEvent.json", event);
            assertValid("ServerNotification.json", notification("thread/realtime/event",
                    new ThreadRealtimeEventNotification(THREAD_ID, event)));
        }
    }

    @Test
    void clientRequestsAndNotificationsValidate() {
        Map<Class<?>, RequestMethod<?, ?>> requests = ProtocolRegistry.CLIENT_REQUESTS.stream()
                .collect(Collectors.toMap(RequestMethod::params, r -> r));
        List<Record> samples = List.of(
                new InitializeParams(new ClientInfo("demo", null, "1.0"),
                        new InitializeCapabilities(null, List.of("thread/realtime/outputAudio/delta"), true)),
                new TurnStartParams(THREAD_ID, List.of(new UserInput.Text("hi")), null),
                new ThreadRealtimeStartParams(THREAD_ID, RealtimeOutputModality.AUDIO, Optional.empty(), null,
                        RealtimeConversationVersion.V1, RealtimeVoice.COVE, null, true,
                        new ThreadRealtimeStartTransport.Webrtc("v=0\r\n"), "voice-1", true, List.of(), null, null, null,
                        null, null, false, null, null, null),
                new ThreadRealtimeAppendTextParams(THREAD_ID, "Short answers.", null, false));
        long id = 1;
        for (Record params : samples) {
            ObjectNode request = WireJson.mapper().createObjectNode();
            request.put("id", id++);
            request.put("method", requests.get(params.getClass()).method());
            request.set("params", WireJson.mapper().valueToTree(params));
            assertValid("ClientRequest.json", request);
        }
        ObjectNode appendAudio = WireJson.mapper().createObjectNode();
        appendAudio.put("method", "thread/realtime/appendAudio");
        appendAudio.set("params", WireJson.mapper().valueToTree(new ThreadRealtimeAppendAudioParams(THREAD_ID,
                new ThreadRealtimeAudioChunk("AAABAAIAAwA=", 24000, 1, 4, null))));
        assertValid("ClientNotification.json", appendAudio);
        assertValid("ClientNotification.json", json("{\"method\":\"initialized\"}"));
    }

    /** Frames copied from the examples of {@code 02}, which clients see verbatim. */
    @Test
    void documentedWireExamplesValidate() {
        assertValid("v2/ThreadReadResponse.json", json("""
                {"thread":{"id":"01a2001f-9700-7c3e-9b1a-4f2d8e6a1c01","sessionId":"01a2001f-9700-7c3e-9b1a-4f2d8e6a1c01","preview":"What day is it tomorrow?","ephemeral":false,"modelProvider":"openai","createdAt":1795298400,"updatedAt":1795298403,"status":{"type":"idle"},"cwd":"/home/me/p","cliVersion":"0.1.0","source":"appServer","name":"Dinner plans","turns":[{"id":"01a2001f-a128-7d44-8e0b-2a6c9f13b7d2","items":[{"type":"userMessage","id":"01a2001f-a12c-7f10-a3c4-5b6d7e8f9012","clientId":"c-1","content":[{"type":"text","text":"What day is it tomorrow?","text_elements":[]}]},{"type":"agentMessage","id":"01a2001f-a2b8-7a55-b6e1-0c1d2e3f4a5b","text":"Tomorrow is Sunday."}],"itemsView":"full","status":"completed","error":null,"startedAt":1795298402,"completedAt":1795298403,"durationMs":802}]}}"""));
        assertValid("ServerNotification.json", json("""
                {"method":"error","params":{"error":{"message":"conversation is not running","codexErrorInfo":"badRequest","additionalDetails":null},"willRetry":false,"threadId":"01a2001f-9700-7c3e-9b1a-4f2d8e6a1c01","turnId":"01a20020-1a00-7e3f-8a9b-0c1d2e3f4a5b"},"emittedAtMs":1795298430000}"""));
        assertValid("ClientRequest.json", json("""
                {"id":42,"method":"thread/realtime/start","params":{"threadId":"01a2001f-9700-7c3e-9b1a-4f2d8e6a1c01","outputModality":"audio","version":"v1","prompt":null}}"""));
    }

    @Test
    void theSchemasRejectWhatTheWireNeverCarries() {
        ObjectNode thread = WireJson.mapper().valueToTree(new ThreadReadResponse(THREAD));
        ((ObjectNode) thread.get("thread")).remove("turns");
        assertInvalid("v2/ThreadReadResponse.json", thread);

        ObjectNode noTimestamp = notification("thread/realtime/closed",
                new ThreadRealtimeClosedNotification(THREAD_ID, "requested"));
        noTimestamp.remove("emittedAtMs");
        assertInvalid("ServerNotification.json", noTimestamp);

        assertInvalid("ClientRequest.json", json("""
                {"id":1,"method":"thread/realtime/start","params":{"threadId":"t","outputModality":"audio","version":"v3"}}"""));
        assertInvalid("ServerNotification.json", json("""
                {"method":"thread/realtime/started","params":{"threadId":"t","realtimeSessionId":null,"version":"v2"},"emittedAtMs":1}"""));
    }

    private static ObjectNode notification(String method, Record params) {
        ObjectNode node = WireJson.mapper().createObjectNode();
        node.put("method", method);
        node.set("params", WireJson.mapper().valueToTree(params));
        node.put("emittedAtMs", 1795298410120L);
        return node;
    }

    private static void assertValid(String schemaPath, Object value) {
        JsonNode instance = value instanceof JsonNode node ? node : WireJson.mapper().valueToTree(value);
        assertThat(SchemaValidation.errors(schema(schemaPath), instance)).as(schemaPath + ": " + instance).isEmpty();
    }

    private static void assertInvalid(String schemaPath, JsonNode instance) {
        assertThat(SchemaValidation.errors(schema(schemaPath), instance)).as(schemaPath + ": " + instance).isNotEmpty();
    }

    private static Schema schema(String path) {
        Schema schema = SCHEMAS.get(path);
        assertThat(schema).as("schema " + path).isNotNull();
        return schema;
    }

    private static JsonNode json(String text) {
        return WireJson.mapper().readTree(text);
    }
}
