package dev.parley.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.config.RealtimeEndpoint;
import dev.parley.protocol.ConversationTextRole;
import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.protocol.RealtimeEvent;
import dev.parley.protocol.RealtimeOutputModality;
import dev.parley.protocol.RealtimeTranscriptEntry;
import dev.parley.realtime.upstream.RealtimeEventReader;
import dev.parley.realtime.upstream.UpstreamConnector;
import dev.parley.realtime.upstream.UpstreamMessage;
import dev.parley.realtime.upstream.UpstreamPreflight;
import dev.parley.realtime.upstream.UpstreamSession;
import dev.parley.realtime.upstream.UpstreamSessionConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Drives the embedded simulator through the real upstream client over a real socket, in both dialects,
 * with the offline default (no API key, base URL resolved to the simulator at the actual port).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"parley.realtime.api-key=", "OPENAI_API_KEY=", "parley.realtime.base-url="})
@ExtendWith(OutputCaptureExtension.class)
@Timeout(30)
class SimulatorEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    RealtimeEndpoint endpoint;

    @Autowired
    UpstreamPreflight preflight;

    @Autowired
    UpstreamConnector connector;

    private UpstreamSessionConfig start(RealtimeConversationVersion version) throws Exception {
        return preflight.prepare(endpoint.defaults(), new UpstreamPreflight.Start(version, null, null,
                RealtimeOutputModality.AUDIO, null, "thread-sim", "backend prompt"));
    }

    @Test
    void offlineDefaultResolvesToTheSimulatorAtTheActualPortAndLogsReady(CapturedOutput output) throws Exception {
        assertEquals("ws://localhost:" + port + "/sim/v1/realtime", endpoint.baseUrl());
        UpstreamSessionConfig config = start(RealtimeConversationVersion.V2);
        assertEquals(URI.create("ws://localhost:" + port + "/sim/v1/realtime?model=gpt-realtime-1.5"), config.url());
        assertThat(config.headers()).doesNotContainKey("authorization");
        assertThat(output.getOut()).contains("Parley ready: realtime=ws://localhost:" + port
                + "/sim/v1/realtime (simulator), agent=builtin");
    }

    @Test
    void v2SessionSpeechResponseRejectionAndHandoff() throws Exception {
        UpstreamSession session = connector.connect(start(RealtimeConversationVersion.V2));
        Events events = new Events(new RealtimeEventReader(session));
        assertEquals("backend prompt",
                events.await(RealtimeEvent.SessionUpdated.class, e -> true).instructions());

        sendUtterance(session);
        events.await(RealtimeEvent.InputAudioSpeechStarted.class, e -> true);
        assertEquals("[speech 0.6 s]", events.await(RealtimeEvent.InputTranscriptDone.class, e -> true).payload().text());
        String responseId = events.await(RealtimeEvent.ResponseCreated.class, e -> true).payload().responseId();

        session.send(new UpstreamMessage.ResponseCreate());
        assertEquals("Conversation already has an active response in progress: " + responseId
                        + ". Wait until the response is finished before creating a new one.",
                events.await(RealtimeEvent.Error.class, e -> true).message());
        assertEquals("I heard: [speech 0.6 s]",
                events.await(RealtimeEvent.OutputTranscriptDone.class, e -> true).payload().text());
        assertEquals(responseId, events.await(RealtimeEvent.ResponseDone.class, e -> true).payload().responseId());
        List<RealtimeEvent.AudioOut> audio = events.seen(RealtimeEvent.AudioOut.class);
        assertThat(audio).hasSizeGreaterThanOrEqualTo(10);
        assertEquals(24_000, audio.getFirst().payload().sampleRate());
        assertEquals(1_280, audio.getFirst().payload().data().length());
        assertThat(events.seen(RealtimeEvent.OutputTranscriptDelta.class)).isNotEmpty();

        session.send(UpstreamMessage.TextItem.appendText(RealtimeConversationVersion.V2, ConversationTextRole.USER, "agent: check the build"));
        session.send(new UpstreamMessage.ResponseCreate());
        RealtimeEvent.HandoffRequested handoff = events.await(RealtimeEvent.HandoffRequested.class, e -> true);
        assertEquals("check the build", handoff.payload().inputTranscript());
        assertThat(handoff.payload().handoffId()).startsWith("call_sim_");
        events.await(RealtimeEvent.ResponseDone.class, e -> true);

        session.send(UpstreamMessage.TextItem.backend("The build is green."));
        session.send(new UpstreamMessage.FunctionCallOutput(handoff.payload().handoffId(),
                UpstreamMessage.FunctionCallOutput.AGENT_FINISHED));
        session.send(new UpstreamMessage.ResponseCreate());
        assertEquals("The build is green.",
                events.await(RealtimeEvent.OutputTranscriptDone.class, e -> true).payload().text());
        String spokenItem = events.await(RealtimeEvent.ConversationItemDone.class, e -> true).itemId();
        events.await(RealtimeEvent.ResponseDone.class, e -> true);

        session.send(new UpstreamMessage.Truncate(spokenItem, 60_000));
        assertThat(events.await(RealtimeEvent.Error.class, e -> true).message())
                .startsWith("Audio content of ").endsWith("ms is already shorter than 60000ms");
        session.close();
    }

    @Test
    void v1SessionSpeechResponseRejectionAndHandoff() throws Exception {
        UpstreamSessionConfig config = start(RealtimeConversationVersion.V1);
        assertThat(config.url().getQuery()).contains("intent=quicksilver");
        UpstreamSession session = connector.connect(config);
        Events events = new Events(new RealtimeEventReader(session));
        events.await(RealtimeEvent.SessionUpdated.class, e -> true);

        sendUtterance(session);
        assertEquals("[speech 0.6 s]", events.await(RealtimeEvent.InputTranscriptDone.class, e -> true).payload().text());
        events.await(RealtimeEvent.AudioOut.class, e -> true);
        session.send(new UpstreamMessage.ResponseCreate());
        assertThat(events.await(RealtimeEvent.Error.class, e -> true).message())
                .startsWith("Conversation already has an active response in progress: resp_sim_");
        assertEquals("I heard: [speech 0.6 s]",
                events.await(RealtimeEvent.OutputTranscriptDone.class, e -> true).payload().text());
        RealtimeEvent.AudioOut frame = events.seen(RealtimeEvent.AudioOut.class).getFirst();
        assertEquals(480, frame.payload().samplesPerChannel());

        session.send(UpstreamMessage.TextItem.appendText(RealtimeConversationVersion.V1, ConversationTextRole.USER,
                "please ask the agent to run the tests"));
        RealtimeEvent.HandoffRequested handoff = events.await(RealtimeEvent.HandoffRequested.class, e -> true);
        assertEquals("please ask the agent to run the tests", handoff.payload().inputTranscript());
        assertThat(handoff.payload().activeTranscript()).last().isEqualTo(
                new RealtimeTranscriptEntry("user", "please ask the agent to run the tests"));

        session.send(UpstreamMessage.HandoffAppend.agentFinalMessage(handoff.payload().handoffId(), "Tests pass."));
        assertEquals("Tests pass.", events.await(RealtimeEvent.OutputTranscriptDone.class, e -> true).payload().text());
        session.close();
    }

    @Test
    void responsesEndpointStreamsADeterministicAnswer() throws Exception {
        String body = """
                {"model":"gpt-5.1","stream":true,"input":[{"type":"message","role":"user","content":[{"type":"input_text",
                "text":"<realtime_delegation>\\n  <input>check &amp; fix</input>\\n</realtime_delegation>"}]}]}""";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/sim/v1/responses"))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertThat(response.body())
                .contains("event: response.created\n")
                .contains("\"type\":\"response.output_text.delta\"")
                .contains("event: response.completed\n")
                .contains("Simulated agent: you asked \\\"check & fix\\\". This answer comes from the Parley simulator.");
    }

    /** 0.6 s of loud tone, then 0.6 s of silence: one utterance for the energy detector. */
    private static void sendUtterance(UpstreamSession session) throws Exception {
        for (int chunk = 0; chunk < 60; chunk++) {
            byte[] pcm = new byte[960];
            for (int i = 0; chunk < 30 && i < 480; i++) {
                short sample = (short) (8_000 * Math.sin(2 * Math.PI * 300 * (chunk * 480 + i) / 24_000.0));
                pcm[2 * i] = (byte) sample;
                pcm[2 * i + 1] = (byte) (sample >> 8);
            }
            session.send(new UpstreamMessage.AudioAppend(Base64.getEncoder().encodeToString(pcm)));
        }
    }

    /** Reads events in order, remembering every one, until one matches. */
    private static final class Events {
        private final RealtimeEventReader reader;
        private final List<RealtimeEvent> all = new ArrayList<>();

        Events(RealtimeEventReader reader) {
            this.reader = reader;
        }

        <T extends RealtimeEvent> T await(Class<T> type, Predicate<T> predicate) throws InterruptedException {
            while (true) {
                RealtimeEvent event = reader.nextEvent().orElseThrow(() -> new AssertionError(
                        "end of stream while waiting for " + type.getSimpleName() + "; seen " + all));
                all.add(event);
                if (type.isInstance(event) && predicate.test(type.cast(event))) {
                    return type.cast(event);
                }
                if (!type.equals(RealtimeEvent.Error.class)) {
                    assertThat(event).as("unexpected error while waiting for " + type.getSimpleName())
                            .isNotInstanceOf(RealtimeEvent.Error.class);
                }
            }
        }

        <T extends RealtimeEvent> List<T> seen(Class<T> type) {
            return all.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
