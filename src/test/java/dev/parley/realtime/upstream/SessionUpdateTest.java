package dev.parley.realtime.upstream;

import static dev.parley.testsupport.JsonAssert.assertJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.protocol.RealtimeOutputModality;
import dev.parley.protocol.RealtimeVoice;
import dev.parley.protocol.v2.ThreadRealtimeStartTransport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code 07} §3.3 (SU) and §3.4 (VOI), plus the remaining preflight checks of {@code 03} §13. */
class SessionUpdateTest {

    private static String encode(RealtimeConversationVersion version, SessionType type, RealtimeOutputModality modality,
            String instructions, String voice) {
        return UpstreamMessageEncoder.encode(new UpstreamMessage.SessionUpdate(version, type, modality, instructions,
                voice));
    }

    @Test
    void su01_v1() {
        assertJson(ExpectedFrames.v1("backend prompt", "cove"),
                encode(RealtimeConversationVersion.V1, SessionType.CONVERSATIONAL, RealtimeOutputModality.AUDIO,
                        "backend prompt", "cove"));
    }

    @Test
    void su02_v2Conversational() {
        assertJson(ExpectedFrames.v2("backend prompt", "marin", "audio"),
                encode(RealtimeConversationVersion.V2, SessionType.CONVERSATIONAL, RealtimeOutputModality.AUDIO,
                        "backend prompt", "marin"));
    }

    @Test
    void su03_v2TextModality() {
        assertJson(ExpectedFrames.v2("backend prompt", "marin", "text"),
                encode(RealtimeConversationVersion.V2, SessionType.CONVERSATIONAL, RealtimeOutputModality.TEXT,
                        "backend prompt", "marin"));
    }

    @Test
    void su04_v2Transcription() {
        assertJson(ExpectedFrames.V2_TRANSCRIPTION,
                encode(RealtimeConversationVersion.V2, SessionType.TRANSCRIPTION, RealtimeOutputModality.AUDIO,
                        "backend prompt", "marin"));
    }

    @Test
    void su05_v1TranscriptionIsConversational() {
        assertJson(ExpectedFrames.v1("backend prompt", "cove"),
                encode(RealtimeConversationVersion.V1, SessionType.TRANSCRIPTION, RealtimeOutputModality.AUDIO,
                        "backend prompt", "cove"));
    }

    @Test
    void su06_v1EmptyInstructionsArePresentAndNothingIsNull() {
        String frame = encode(RealtimeConversationVersion.V1, SessionType.CONVERSATIONAL, RealtimeOutputModality.AUDIO,
                "", "cove");
        assertJson(ExpectedFrames.v1("", "cove"), frame);
        assertThat(frame).doesNotContain("null");
    }

    @Test
    void voi01_versionDefaults() throws Exception {
        assertEquals("cove", VoiceResolver.resolve(RealtimeConversationVersion.V1, null, null));
        assertEquals("marin", VoiceResolver.resolve(RealtimeConversationVersion.V2, null, null));
    }

    @Test
    void voi02_v1VoiceOnV2() {
        assertEquals("realtime voice `cove` is not supported for v2; supported voices: alloy, ash, ballad, coral, "
                + "echo, sage, shimmer, verse, marin, cedar", assertThrows(UpstreamException.Preflight.class,
                () -> VoiceResolver.resolve(RealtimeConversationVersion.V2, RealtimeVoice.COVE, null)).getMessage());
    }

    @Test
    void voi03_v2VoiceOnV1() {
        assertEquals("realtime voice `marin` is not supported for v1; supported voices: juniper, maple, spruce, "
                + "ember, vale, breeze, arbor, sol, cove", assertThrows(UpstreamException.Preflight.class,
                () -> VoiceResolver.resolve(RealtimeConversationVersion.V1, RealtimeVoice.MARIN, null)).getMessage());
    }

    @Test
    void voi04_startVoiceBeatsConfiguredVoice() throws Exception {
        assertEquals("breeze", VoiceResolver.resolve(RealtimeConversationVersion.V1, RealtimeVoice.BREEZE, "sol"));
        assertEquals("sol", VoiceResolver.resolve(RealtimeConversationVersion.V1, null, "sol"));
    }

    @Test
    void voi05_voiceLists() {
        assertEquals(java.util.List.of("juniper", "maple", "spruce", "ember", "vale", "breeze", "arbor", "sol", "cove"),
                VoiceResolver.supported(RealtimeConversationVersion.V1));
        assertEquals(java.util.List.of("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin",
                "cedar"), VoiceResolver.supported(RealtimeConversationVersion.V2));
        assertEquals("cove", RealtimeVoice.defaultFor(RealtimeConversationVersion.V1).wireName());
        assertEquals("marin", RealtimeVoice.defaultFor(RealtimeConversationVersion.V2).wireName());
    }

    private static UpstreamPreflight.Defaults defaults(RealtimeConversationVersion version) {
        return new UpstreamPreflight.Defaults("wss://example.com", Map.of(), Map.of(), "k", "m", version,
                SessionType.CONVERSATIONAL, null);
    }

    @Test
    void preflightRejectsWebrtc() {
        assertEquals("webrtc transport is not supported", assertThrows(UpstreamException.Preflight.class,
                () -> new UpstreamPreflight(UpstreamFixtures.NO_ENV).prepare(defaults(RealtimeConversationVersion.V2),
                        new UpstreamPreflight.Start(null, null, null, RealtimeOutputModality.AUDIO,
                                new ThreadRealtimeStartTransport.Webrtc("v=0"), "s", "p")))
                .getMessage());
    }

    @Test
    void preflightRejectsTextModalityOnV1() {
        assertEquals("text realtime output modality requires realtime v2", assertThrows(
                UpstreamException.Preflight.class, () -> new UpstreamPreflight(UpstreamFixtures.NO_ENV)
                        .prepare(defaults(RealtimeConversationVersion.V2), new UpstreamPreflight.Start(
                                RealtimeConversationVersion.V1, null, null, RealtimeOutputModality.TEXT,
                                new ThreadRealtimeStartTransport.Websocket(), "s", "p"))).getMessage());
    }

    @Test
    void preflightResolvesVersionModelVoiceAndFirstFrame() throws Exception {
        UpstreamSessionConfig config = new UpstreamPreflight(UpstreamFixtures.NO_ENV).prepare(
                defaults(RealtimeConversationVersion.V2),
                new UpstreamPreflight.Start(RealtimeConversationVersion.V1, "snapshot", RealtimeVoice.SOL,
                        RealtimeOutputModality.AUDIO, null, "s", "backend prompt"));
        assertEquals("wss://example.com/v1/realtime?intent=quicksilver&model=snapshot", config.url().toString());
        assertEquals(RealtimeConversationVersion.V1, config.version());
        assertJson(ExpectedFrames.v1("backend prompt", "sol"), UpstreamMessageEncoder.encode(config.sessionUpdate()));
    }
}
