package dev.parley.realtime.upstream;

import static dev.parley.testsupport.FakeUpstream.binary;
import static dev.parley.testsupport.FakeUpstream.closeFrame;
import static dev.parley.testsupport.FakeUpstream.fragment;
import static dev.parley.testsupport.FakeUpstream.ping;
import static dev.parley.testsupport.FakeUpstream.script;
import static dev.parley.testsupport.JsonAssert.assertEvent;
import static dev.parley.testsupport.JsonAssert.assertJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ConversationTextRole;
import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.protocol.RealtimeEvent;
import dev.parley.testsupport.FakeUpstream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code 07-conformance.md} §4: the upstream client against the scripted FakeUpstream over real sockets. */
@Timeout(20)
class UpstreamSocketConformanceTest {

    private static final Duration AWAIT = Duration.ofSeconds(5);
    private static final String SU_MOCK = """
            {"type":"session.updated","session":{"id":"sess_mock","instructions":"backend prompt"}}""";
    private static final String V1_AUDIO = """
            {"type":"conversation.output_audio.delta","delta":"AQID","sample_rate":48000,"channels":1}""";

    private final WebSocketUpstreamConnector connector = UpstreamFixtures.connector();

    @Test
    void e2e1_sessionCreateAndEventFlow() throws Exception {
        try (FakeUpstream fake = FakeUpstream.start(script().batch(SU_MOCK).batch(V1_AUDIO))) {
            UpstreamSession session = connector.connect(UpstreamFixtures.v1(fake.baseUrl()));
            RealtimeEventReader reader = new RealtimeEventReader(session);
            assertEvent("""
                    {"SessionUpdated":{"session_id":"sess_mock","instructions":"backend prompt"}}""",
                    reader.nextEvent().orElseThrow());
            session.send(new UpstreamMessage.AudioAppend("AQID"));
            assertEvent("""
                    {"AudioOut":{"data":"AQID","sample_rate":48000,"num_channels":1,"samples_per_channel":null,"item_id":null}}""",
                    reader.nextEvent().orElseThrow());
            session.close();

            FakeUpstream.Recording conn = fake.connection(0);
            conn.awaitClose(AWAIT);
            assertEquals("session.update", conn.frame(0).path("type").stringValue());
            assertEquals("quicksilver", conn.frame(0).path("session").path("type").stringValue());
            assertEquals("backend prompt", conn.frame(0).path("session").path("instructions").stringValue());
            assertJson("""
                    {"type":"audio/pcm","rate":24000}""", conn.frame(0).path("session").path("audio").path("input").path("format"));
            assertEquals("input_audio_buffer.append", conn.frame(1).path("type").stringValue());
            assertThat(conn.closeCodes()).containsExactly(1000);
            assertEquals("/v1/realtime?intent=quicksilver&model=realtime-test-model", conn.requestUri());
            assertEquals("Bearer dummy", conn.headers().get("authorization"));
            assertEquals("conv_123", conn.headers().get("x-session-id"));
            assertEquals("quicksilver=v1", conn.headers().get("openai-alpha"));
            assertEquals("parley", conn.headers().get("originator"));
        }
    }

    @Test
    void e2e3_sendWhileNextEventWaits() throws Exception {
        try (FakeUpstream fake = FakeUpstream.start(script().batch().batch("""
                {"type":"session.updated","session":{"id":"sess_after_send","instructions":"backend prompt"}}"""))) {
            UpstreamSession session = connector.connect(UpstreamFixtures.v1(fake.baseUrl()));
            RealtimeEventReader reader = new RealtimeEventReader(session);
            // Own threads: the common pool may have a single worker on a small machine.
            ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
            CompletableFuture<Optional<RealtimeEvent>> pending = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.nextEvent();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, threads);
            fake.connection(0).awaitFrames(1, AWAIT);
            CompletableFuture<Void> send = CompletableFuture.runAsync(() -> {
                try {
                    session.send(new UpstreamMessage.AudioAppend("AQID"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, threads);
            send.get(200, TimeUnit.MILLISECONDS);
            assertEvent("""
                    {"SessionUpdated":{"session_id":"sess_after_send","instructions":"backend prompt"}}""",
                    pending.get(5, TimeUnit.SECONDS).orElseThrow());
            session.close();
            threads.shutdown();
        }
    }

    @Test
    void e2e4_disconnectedEmittedOnce() throws Exception {
        try (FakeUpstream fake = FakeUpstream.start(script().batch(closeFrame(1000)))) {
            UpstreamSession session = connector.connect(UpstreamFixtures.v1(fake.baseUrl()));
            RealtimeEventReader reader = new RealtimeEventReader(session);
            assertEquals(Optional.empty(), reader.nextEvent());
            assertEquals(Optional.empty(), reader.nextEvent());
            assertThrows(UpstreamException.Closed.class, () -> session.send(new UpstreamMessage.ResponseCreate()));
            session.close();
        }
    }

    @Test
    void e2e5_ignoresUnknownTextEvents() throws Exception {
        try (FakeUpstream fake = FakeUpstream.start(script().batch("""
                {"type":"response.created","response":{"id":"resp_unknown"}}""", """
                {"type":"session.updated","session":{"id":"sess_after_unknown","instructions":"backend prompt"}}"""))) {
            UpstreamSession session = connector.connect(UpstreamFixtures.v1(fake.baseUrl()));
            assertEvent("""
                    {"SessionUpdated":{"session_id":"sess_after_unknown","instructions":"backend prompt"}}""",
                    new RealtimeEventReader(session).nextEvent().orElseThrow());
            session.close();
        }
    }

    @Test
    void e2e6_realtimeV2ParserEmitsHandoffRequested() throws Exception {
        String item = """
                {"type":"message","role":"user","content":[{"type":"input_text","text":"<realtime_collaboration_update><voice_policy>silent_delegate</voice_policy></realtime_collaboration_update>"}]}""";
        try (FakeUpstream fake = FakeUpstream.start(script().batch("""
                {"type":"conversation.item.input_audio_transcription.completed","transcript":"delegate now"}""", """
                {"type":"response.output_audio_transcript.delta","delta":"secret context"}""",
                "{\"type\":\"conversation.item.created\",\"item\":" + item + "}", """
                {"type":"conversation.item.done","item":{"id":"item_123","type":"function_call","name":"background_agent","call_id":"call_123","arguments":"{\\"prompt\\":\\"delegate now\\"}"}}"""))) {
            UpstreamSession session = connector.connect(UpstreamFixtures.v2(fake.baseUrl()));
            RealtimeEventReader reader = new RealtimeEventReader(session);
            assertEvent("""
                    {"InputTranscriptDone":{"text":"delegate now"}}""", reader.nextEvent().orElseThrow());
            assertEvent("""
                    {"OutputTranscriptDelta":{"delta":"secret context"}}""", reader.nextEvent().orElseThrow());
            assertEvent("{\"ConversationItemAdded\":" + item + "}", reader.nextEvent().orElseThrow());
            assertEvent("""
                    {"HandoffRequested":{"handoff_id":"call_123","item_id":"item_123","input_transcript":"delegate now",
                     "active_transcript":[{"role":"user","text":"delegate now"},{"role":"assistant","text":"secret context"}]}}""",
                    reader.nextEvent().orElseThrow());
            session.close();
        }
    }

    @Test
    void ws1_connectAndExchangeEventsAgainstMockServer() throws Exception {
        try (FakeUpstream fake = FakeUpstream.start(script().batch().batch().batch().batch(V1_AUDIO, """
                {"type":"conversation.input_transcript.delta","delta":"delegate "}""", """
                {"type":"conversation.input_transcript.delta","delta":"now"}""", """
                {"type":"conversation.output_transcript.delta","delta":"working"}""", """
                {"type":"conversation.handoff.requested","handoff_id":"handoff_1","item_id":"item_2","input_transcript":"delegate now"}"""))) {
            UpstreamSession session = connector.connect(UpstreamFixtures.v1(fake.baseUrl()));
            session.send(new UpstreamMessage.AudioAppend("AQID"));
            session.send(UpstreamMessage.TextItem.appendText(RealtimeConversationVersion.V1, ConversationTextRole.USER, "hello"));
            session.send(UpstreamMessage.HandoffAppend.agentFinalMessage("handoff_1", "delegated result"));
            RealtimeEventReader reader = new RealtimeEventReader(session);
            assertEvent("""
                    {"AudioOut":{"data":"AQID","sample_rate":48000,"num_channels":1,"samples_per_channel":null,"item_id":null}}""",
                    reader.nextEvent().orElseThrow());
            assertEvent("{\"InputTranscriptDelta\":{\"delta\":\"delegate \"}}", reader.nextEvent().orElseThrow());
            assertEvent("{\"InputTranscriptDelta\":{\"delta\":\"now\"}}", reader.nextEvent().orElseThrow());
            assertEvent("{\"OutputTranscriptDelta\":{\"delta\":\"working\"}}", reader.nextEvent().orElseThrow());
            assertEvent("""
                    {"HandoffRequested":{"handoff_id":"handoff_1","item_id":"item_2","input_transcript":"delegate now",
                     "active_transcript":[{"role":"user","text":"delegate now"},{"role":"assistant","text":"working"}]}}""",
                    reader.nextEvent().orElseThrow());
            FakeUpstream.Recording conn = fake.connection(0);
            conn.awaitFrames(4, AWAIT);
            assertJson("{\"type\":\"input_audio_buffer.append\",\"audio\":\"AQID\"}", conn.frames().get(1));
            assertJson("""
                    {"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"hello"}]}}""",
                    conn.frames().get(2));
            assertJson("""
                    {"type":"conversation.handoff.append","handoff_id":"handoff_1","output_text":"\\"Agent Final Message\\":\\n\\ndelegated result"}""",
                    conn.frames().get(3));
            session.close();
        }
    }

    @Test
    void ws2_v2SessionUpdateIncludesBackgroundAgentToolAndHandoffOutputItem() throws Exception {
        try (FakeUpstream fake = FakeUpstream.start(script())) {
            UpstreamSession session = connector.connect(UpstreamFixtures.v2(fake.baseUrl()));
            session.send(new UpstreamMessage.TextItem(ConversationTextRole.USER, "hello"));
            session.send(new UpstreamMessage.FunctionCallOutput("call_1", "delegated result"));
            FakeUpstream.Recording conn = fake.connection(0);
            conn.awaitFrames(3, AWAIT);
            assertJson(ExpectedFrames.v2("backend prompt", "marin", "audio"), conn.frames().get(0));
            assertJson("""
                    {"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"hello"}]}}""",
                    conn.frames().get(1));
            assertJson("""
                    {"type":"conversation.item.create","item":{"type":"function_call_output","call_id":"call_1","output":"delegated result"}}""",
                    conn.frames().get(2));
            assertEquals("/v1/realtime?model=realtime-test-model", conn.requestUri());
            assertThat(conn.headers()).doesNotContainKey("openai-alpha");
            session.close();
        }
    }

    @Test
    void ws3_transcriptionModeSessionUpdateOmitsOutputAudioAndInstructions() throws Exception {
        try (FakeUpstream fake = FakeUpstream.start(script())) {
            UpstreamSession session = connector.connect(UpstreamFixtures.config(fake.baseUrl(), RealtimeConversationVersion.V2,
                    SessionType.TRANSCRIPTION, "backend prompt"));
            assertJson(ExpectedFrames.V2_TRANSCRIPTION, fake.connection(0).awaitFrames(1, AWAIT).getFirst());
            session.close();
        }
    }

    @Test
    void ws4_v1TranscriptionModeIsTreatedAsConversational() throws Exception {
        try (FakeUpstream fake = FakeUpstream.start(script())) {
            UpstreamSession session = connector.connect(UpstreamFixtures.config(fake.baseUrl(), RealtimeConversationVersion.V1,
                    SessionType.TRANSCRIPTION, "backend prompt"));
            assertJson(ExpectedFrames.v1("backend prompt", "cove"), fake.connection(0).awaitFrames(1, AWAIT).getFirst());
            session.close();
        }
    }

    @Test
    void lim1_fragmentedLargeMessageIsAggregated() throws Exception {
        String instructions = "x".repeat(300_000);
        String big = "{\"type\":\"session.updated\",\"session\":{\"id\":\"sess_big\",\"instructions\":\"" + instructions + "\"}}";
        try (FakeUpstream fake = FakeUpstream.start(script().batch(fragment(big, 4), V1_AUDIO))) {
            UpstreamSession session = connector.connect(UpstreamFixtures.v1(fake.baseUrl()));
            RealtimeEventReader reader = new RealtimeEventReader(session);
            assertEquals(new RealtimeEvent.SessionUpdated("sess_big", instructions), reader.nextEvent().orElseThrow());
            assertInstanceOf(RealtimeEvent.AudioOut.class, reader.nextEvent().orElseThrow());
            session.close();
        }
    }

    @Test
    void lim2_largeUnfragmentedMessageHasNoSmallCap() throws Exception {
        String data = "A".repeat(40_000);
        try (FakeUpstream fake = FakeUpstream.start(script().batch(
                "{\"type\":\"response.output_audio.delta\",\"item_id\":\"item_a\",\"delta\":\"" + data + "\"}"))) {
            UpstreamSession session = connector.connect(UpstreamFixtures.v2(fake.baseUrl()));
            RealtimeEvent event = new RealtimeEventReader(session).nextEvent().orElseThrow();
            assertEquals(data, assertInstanceOf(RealtimeEvent.AudioOut.class, event).payload().data());
            session.close();
        }
    }

    @Test
    void lim3_messageOverTheCapIsAReadFailure() throws Exception {
        String huge = "{\"type\":\"session.updated\",\"session\":{\"id\":\"s\",\"instructions\":\""
                + "x".repeat(17 * 1024 * 1024) + "\"}}";
        try (FakeUpstream fake = FakeUpstream.start(script().batch(huge))) {
            UpstreamSession session = connector.connect(UpstreamFixtures.v1(fake.baseUrl()));
            RealtimeEventReader reader = new RealtimeEventReader(session);
            assertEvent("{\"Error\":\"realtime websocket error: message too large\"}", reader.nextEvent().orElseThrow());
            assertEquals(Optional.empty(), reader.nextEvent());
            session.close();
        }
    }

    @Test
    void lim4_pingIsAnsweredWithPong() throws Exception {
        try (FakeUpstream fake = FakeUpstream.start(script().batch(ping("abc"), """
                {"type":"session.updated","session":{"id":"s"}}"""))) {
            UpstreamSession session = connector.connect(UpstreamFixtures.v1(fake.baseUrl()));
            assertEquals(new RealtimeEvent.SessionUpdated("s", null),
                    new RealtimeEventReader(session).nextEvent().orElseThrow());
            FakeUpstream.Recording conn = fake.connection(0);
            conn.awaitPong(AWAIT);
            assertThat(conn.pongs()).containsExactly("abc");
            session.close();
        }
    }

    @Test
    void lim5_binaryMessageIsIgnored() throws Exception {
        try (FakeUpstream fake = FakeUpstream.start(script().batch(binary((byte) 1, (byte) 2), """
                {"type":"session.updated","session":{"id":"after_binary"}}"""))) {
            UpstreamSession session = connector.connect(UpstreamFixtures.v1(fake.baseUrl()));
            assertEquals(new RealtimeEvent.SessionUpdated("after_binary", null),
                    new RealtimeEventReader(session).nextEvent().orElseThrow());
            session.close();
        }
    }

    @Test
    void lim6_closeTwiceThenSendFails() throws Exception {
        try (FakeUpstream fake = FakeUpstream.start(script())) {
            UpstreamSession session = connector.connect(UpstreamFixtures.v1(fake.baseUrl()));
            fake.connection(0).awaitFrames(1, AWAIT);
            session.close();
            session.close();
            UpstreamException.Closed closed = assertThrows(UpstreamException.Closed.class,
                    () -> session.send(new UpstreamMessage.AudioAppend("AQID")));
            assertEquals("realtime websocket connection is closed", closed.getMessage());
            FakeUpstream.Recording conn = fake.connection(0);
            conn.awaitEnd(AWAIT);
            assertThat(conn.closeCodes()).containsExactly(1000);
            assertInstanceOf(UpstreamInbound.EndOfStream.class, session.take());
        }
    }

    @Test
    void lim7_connectionDroppedWithoutCloseFrameIsAReadFailure() throws Exception {
        try (FakeUpstream fake = FakeUpstream.start(script().batch().dropAfterScript())) {
            UpstreamSession session = connector.connect(UpstreamFixtures.v1(fake.baseUrl()));
            RealtimeEventReader reader = new RealtimeEventReader(session);
            RealtimeEvent.Error error = assertInstanceOf(RealtimeEvent.Error.class, reader.nextEvent().orElseThrow());
            assertThat(error.message()).startsWith("realtime websocket error: ");
            assertEquals(Optional.empty(), reader.nextEvent());
            assertEquals(Optional.empty(), reader.nextEvent());
            session.close();
        }
    }

    @Test
    void connectHandshakeRejectedReportsHttpStatus() throws Exception {
        try (FakeUpstream fake = FakeUpstream.start(script().rejectHandshake(401))) {
            UpstreamException.Connect failure = assertThrows(UpstreamException.Connect.class,
                    () -> connector.connect(UpstreamFixtures.v1(fake.baseUrl())));
            assertEquals("failed to connect to realtime upstream: HTTP 401", failure.getMessage());
            assertThat(failure.getMessage()).doesNotContain("dummy");
        }
    }

    @Test
    void connectRefused() throws Exception {
        int port;
        try (FakeUpstream fake = FakeUpstream.start()) {
            port = fake.port();
        }
        UpstreamException.Connect failure = assertThrows(UpstreamException.Connect.class,
                () -> connector.connect(UpstreamFixtures.v1("http://127.0.0.1:" + port)));
        assertEquals("failed to connect to realtime upstream: connection refused", failure.getMessage());
    }

    @Test
    void connectTimeoutWhenTheHandshakeIsNeverAnswered() throws Exception {
        WebSocketUpstreamConnector quick = new WebSocketUpstreamConnector(
                WebSocketUpstreamConnector.Settings.defaults().withConnectTimeout(Duration.ofMillis(300)));
        try (FakeUpstream fake = FakeUpstream.start(script().neverAnswerHandshake())) {
            UpstreamException.Connect failure = assertThrows(UpstreamException.Connect.class,
                    () -> quick.connect(UpstreamFixtures.v1(fake.baseUrl())));
            assertEquals("failed to connect to realtime upstream: timed out after 300ms", failure.getMessage());
        }
    }

    @Test
    void closeWaitsForTheCloseReplyAndEndOfStreamIsReportedOnce() throws Exception {
        try (FakeUpstream fake = FakeUpstream.start(script().batch("""
                {"type":"session.updated","session":{"id":"s"}}"""))) {
            UpstreamSession session = connector.connect(UpstreamFixtures.v1(fake.baseUrl()));
            assertTrue(session.take() instanceof UpstreamInbound.Text);
            session.close();
            assertInstanceOf(UpstreamInbound.EndOfStream.class, session.take());
            assertInstanceOf(UpstreamInbound.EndOfStream.class, session.take());
            assertThat(fake.connection(0).closeCodes()).containsExactly(1000);
        }
    }
}
