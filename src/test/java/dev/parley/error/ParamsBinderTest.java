package dev.parley.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.protocol.RealtimeVoice;
import dev.parley.protocol.WireJson;
import dev.parley.protocol.v2.ThreadRealtimeAppendAudioParams;
import dev.parley.protocol.v2.ThreadRealtimeStartParams;
import dev.parley.protocol.v2.ThreadRealtimeStartTransport;
import dev.parley.protocol.v2.TurnStartParams;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Every detail form of {@code 02} §2.5 for {@code -32602}: one line naming the field path, no Java names. */
class ParamsBinderTest {

    private final JsonMapper json = WireJson.mapper();
    private final ParamsBinder binder = new ParamsBinder(json);

    private <P extends Record> String error(String params, Class<P> type) {
        try {
            binder.bind(json.readTree(params), type);
        } catch (ApiException e) {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_PARAMS);
            return e.getMessage();
        }
        throw new AssertionError("bound without error: " + params);
    }

    @Test
    void missingRequiredFieldsNameTheirPath() {
        assertThat(error("{\"threadId\":\"t\"}", ThreadRealtimeStartParams.class))
                .isEqualTo("Invalid params: missing required field outputModality");
        assertThat(error("{\"threadId\":\"t\",\"audio\":{\"sampleRate\":24000,\"numChannels\":1}}",
                ThreadRealtimeAppendAudioParams.class)).isEqualTo("Invalid params: missing required field audio.data");
        assertThat(error("{\"threadId\":\"t\",\"outputModality\":\"audio\",\"transport\":{}}", ThreadRealtimeStartParams.class))
                .isEqualTo("Invalid params: missing required field transport.type");
    }

    @Test
    void wrongTypesNameTheExpectedType() {
        assertThat(error("{\"threadId\":\"t\",\"audio\":{\"data\":\"AA==\",\"sampleRate\":\"fast\",\"numChannels\":1}}",
                ThreadRealtimeAppendAudioParams.class))
                .isEqualTo("Invalid params: invalid value for audio.sampleRate: expected integer");
        assertThat(error("{\"threadId\":\"t\",\"audio\":{\"data\":\"AA==\",\"sampleRate\":1.5,\"numChannels\":1}}",
                ThreadRealtimeAppendAudioParams.class))
                .isEqualTo("Invalid params: invalid value for audio.sampleRate: expected integer");
        assertThat(error("{\"threadId\":7,\"outputModality\":\"audio\"}", ThreadRealtimeStartParams.class))
                .isEqualTo("Invalid params: invalid value for threadId: expected string");
        assertThat(error("{\"threadId\":\"t\",\"outputModality\":\"audio\",\"includeStartupContext\":\"yes\"}",
                ThreadRealtimeStartParams.class))
                .isEqualTo("Invalid params: invalid value for includeStartupContext: expected boolean");
        assertThat(error("{\"threadId\":\"t\",\"audio\":[]}", ThreadRealtimeAppendAudioParams.class))
                .isEqualTo("Invalid params: invalid value for audio: expected object");
        assertThat(error("{\"threadId\":\"t\",\"input\":{}}", TurnStartParams.class))
                .isEqualTo("Invalid params: invalid value for input: expected array");
        assertThat(error("[1]", TurnStartParams.class)).isEqualTo("Invalid params: params must be an object");
    }

    @Test
    void enumsListTheirValuesInDeclarationOrder() {
        assertThat(error("{\"threadId\":\"t\",\"outputModality\":\"audio\",\"version\":\"v3\"}", ThreadRealtimeStartParams.class))
                .isEqualTo("Invalid params: invalid value for version: expected one of v1, v2");
        assertThat(error("{\"threadId\":\"t\",\"outputModality\":\"video\"}", ThreadRealtimeStartParams.class))
                .isEqualTo("Invalid params: invalid value for outputModality: expected one of text, audio");
        assertThat(error("{\"threadId\":\"t\",\"outputModality\":\"audio\",\"voice\":\"robot\"}", ThreadRealtimeStartParams.class))
                .startsWith("Invalid params: invalid value for voice: expected one of alloy, arbor, ash,");
        assertThat(error("{\"threadId\":\"t\",\"outputModality\":\"audio\",\"transport\":{\"type\":\"carrier-pigeon\"}}",
                ThreadRealtimeStartParams.class))
                .isEqualTo("Invalid params: invalid value for transport.type: expected one of websocket, webrtc");
        assertThat(error("{\"threadId\":\"t\",\"input\":[{\"type\":\"image\",\"url\":\"x\"}]}", TurnStartParams.class))
                .isEqualTo("Invalid params: unsupported input type: image");
        assertThat(error("{\"threadId\":\"t\",\"input\":[null]}", TurnStartParams.class))
                .isEqualTo("Invalid params: invalid value for input[0]: expected object");
    }

    @Test
    void validParamsBindWithDefaultsAndTheTriStatePrompt() {
        ThreadRealtimeStartParams params = binder.bind(json.readTree("{\"threadId\":\"t\",\"outputModality\":\"audio\","
                + "\"version\":\"v1\",\"voice\":\"cove\",\"prompt\":null,\"transport\":{\"type\":\"websocket\"},\"unknown\":1}"),
                ThreadRealtimeStartParams.class);
        assertThat(params.version()).isEqualTo(RealtimeConversationVersion.V1);
        assertThat(params.voice()).isEqualTo(RealtimeVoice.COVE);
        assertThat(params.prompt()).isEqualTo(Optional.empty());
        assertThat(params.transport()).isEqualTo(new ThreadRealtimeStartTransport.Websocket());
        assertThat(binder.bind(null, dev.parley.protocol.v2.ThreadListParams.class).limit()).isNull();
        assertThatThrownBy(() -> binder.bind(json.readTree("{\"threadId\":\"t\"}"), TurnStartParams.class))
                .hasMessage("Invalid params: missing required field input");
    }
}
