package dev.parley.realtime.upstream;

import static dev.parley.testsupport.JsonAssert.assertJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code 07} §3.3 (SU) and §3.4 (VOI), plus the remaining preflight checks of {@code 03} §13. */
class SessionUpdateTest {

    private static String encode(RealtimeVersion version, SessionType type, OutputModality modality,
            String instructions, String voice) {
        return UpstreamMessageEncoder.encode(new UpstreamMessage.SessionUpdate(version, type, modality, instructions,
                voice));
    }

    @Test
    void su01_v1() {
        assertJson(ExpectedFrames.v1("backend prompt", "cove"),
                encode(RealtimeVersion.V1, SessionType.CONVERSATIONAL, OutputModality.AUDIO, "backend prompt", "cove"));
    }

    @Test
    void su02_v2Conversational() {
        assertJson(ExpectedFrames.v2("backend prompt", "marin", "audio"),
                encode(RealtimeVersion.V2, SessionType.CONVERSATIONAL, OutputModality.AUDIO, "backend prompt", "marin"));
    }

    @Test
    void su03_v2TextModality() {
        assertJson(ExpectedFrames.v2("backend prompt", "marin", "text"),
                encode(RealtimeVersion.V2, SessionType.CONVERSATIONAL, OutputModality.TEXT, "backend prompt", "marin"));
    }

    @Test
    void su04_v2Transcription() {
        assertJson(ExpectedFrames.V2_TRANSCRIPTION,
                encode(RealtimeVersion.V2, SessionType.TRANSCRIPTION, OutputModality.AUDIO, "backend prompt", "marin"));
    }

    @Test
    void su05_v1TranscriptionIsConversational() {
        assertJson(ExpectedFrames.v1("backend prompt", "cove"),
                encode(RealtimeVersion.V1, SessionType.TRANSCRIPTION, OutputModality.AUDIO, "backend prompt", "cove"));
    }

    @Test
    void su06_v1EmptyInstructionsArePresentAndNothingIsNull() {
        String frame = encode(RealtimeVersion.V1, SessionType.CONVERSATIONAL, OutputModality.AUDIO, "", "cove");
        assertJson(ExpectedFrames.v1("", "cove"), frame);
        assertThat(frame).doesNotContain("null");
    }

    @Test
    void voi01_versionDefaults() throws Exception {
        assertEquals("cove", RealtimeVoices.resolve(RealtimeVersion.V1, null, null));
        assertEquals("marin", RealtimeVoices.resolve(RealtimeVersion.V2, null, null));
    }

    @Test
    void voi02_v1VoiceOnV2() {
        assertEquals("realtime voice `cove` is not supported for v2; supported voices: alloy, ash, ballad, coral, "
                + "echo, sage, shimmer, verse, marin, cedar", assertThrows(UpstreamException.Preflight.class,
                () -> RealtimeVoices.resolve(RealtimeVersion.V2, "cove", null)).getMessage());
    }

    @Test
    void voi03_v2VoiceOnV1() {
        assertEquals("realtime voice `marin` is not supported for v1; supported voices: juniper, maple, spruce, "
                + "ember, vale, breeze, arbor, sol, cove", assertThrows(UpstreamException.Preflight.class,
                () -> RealtimeVoices.resolve(RealtimeVersion.V1, "marin", null)).getMessage());
    }

    @Test
    void voi04_startVoiceBeatsConfiguredVoice() throws Exception {
        assertEquals("breeze", RealtimeVoices.resolve(RealtimeVersion.V1, "breeze", "sol"));
        assertEquals("sol", RealtimeVoices.resolve(RealtimeVersion.V1, null, "sol"));
    }

    @Test
    void voi05_voiceLists() {
        assertEquals(java.util.List.of("juniper", "maple", "spruce", "ember", "vale", "breeze", "arbor", "sol", "cove"),
                RealtimeVoices.V1);
        assertEquals(java.util.List.of("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin",
                "cedar"), RealtimeVoices.V2);
        assertEquals("cove", RealtimeVoices.DEFAULT_V1);
        assertEquals("marin", RealtimeVoices.DEFAULT_V2);
    }

    private static UpstreamPreflight.Defaults defaults(RealtimeVersion version) {
        return new UpstreamPreflight.Defaults("wss://example.com", Map.of(), Map.of(), "k", "m", version,
                SessionType.CONVERSATIONAL, null);
    }

    @Test
    void preflightRejectsWebrtc() {
        assertEquals("webrtc transport is not supported", assertThrows(UpstreamException.Preflight.class,
                () -> new UpstreamPreflight(UpstreamFixtures.NO_ENV).prepare(defaults(RealtimeVersion.V2),
                        new UpstreamPreflight.Start(null, null, null, OutputModality.AUDIO, "webrtc", "s", "p")))
                .getMessage());
    }

    @Test
    void preflightRejectsTextModalityOnV1() {
        assertEquals("text realtime output modality requires realtime v2", assertThrows(
                UpstreamException.Preflight.class, () -> new UpstreamPreflight(UpstreamFixtures.NO_ENV)
                        .prepare(defaults(RealtimeVersion.V2), new UpstreamPreflight.Start(RealtimeVersion.V1, null,
                                null, OutputModality.TEXT, "websocket", "s", "p"))).getMessage());
    }

    @Test
    void preflightResolvesVersionModelVoiceAndFirstFrame() throws Exception {
        UpstreamSessionConfig config = new UpstreamPreflight(UpstreamFixtures.NO_ENV).prepare(
                defaults(RealtimeVersion.V2),
                new UpstreamPreflight.Start(RealtimeVersion.V1, "snapshot", "sol", OutputModality.AUDIO, null, "s",
                        "backend prompt"));
        assertEquals("wss://example.com/v1/realtime?intent=quicksilver&model=snapshot", config.url().toString());
        assertEquals(RealtimeVersion.V1, config.version());
        assertJson(ExpectedFrames.v1("backend prompt", "sol"), UpstreamMessageEncoder.encode(config.sessionUpdate()));
    }
}
