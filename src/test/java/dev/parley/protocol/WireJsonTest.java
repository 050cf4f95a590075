package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.v2.ThreadRealtimeStartParams;
import dev.parley.protocol.v2.ThreadRealtimeStopResponse;
import dev.parley.protocol.v2.ThreadStatus;
import dev.parley.protocol.v2.UserInput;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WireJsonTest {

    private final JsonMapper json = WireJson.mapper();

    @Test
    void emptyRecordIsAnEmptyObject() {
        assertThat(json.writeValueAsString(new ThreadRealtimeStopResponse())).isEqualTo("{}");
    }

    @Test
    void typeTaggedUnionsPutTheTagFirst() {
        assertThat(json.writeValueAsString(ThreadStatus.IDLE)).isEqualTo("{\"type\":\"idle\"}");
        assertThat(json.writeValueAsString(ThreadStatus.ACTIVE)).isEqualTo("{\"type\":\"active\",\"activeFlags\":[]}");
    }

    @Test
    void textElementsDefaultToEmpty() {
        UserInput input = json.readValue("{\"type\":\"text\",\"text\":\"hi\"}", UserInput.class);
        assertThat(input).isEqualTo(new UserInput.Text("hi", List.of()));
        assertThat(json.writeValueAsString(input)).isEqualTo("{\"type\":\"text\",\"text\":\"hi\",\"text_elements\":[]}");
    }

    @Test
    void promptHasThreeStates() {
        String base = "{\"threadId\":\"t\",\"outputModality\":\"audio\"";
        assertThat(json.readValue(base + "}", ThreadRealtimeStartParams.class).prompt()).isNull();
        assertThat(json.readValue(base + ",\"prompt\":null}", ThreadRealtimeStartParams.class).prompt())
                .isEqualTo(Optional.empty());
        assertThat(json.readValue(base + ",\"prompt\":\"p\"}", ThreadRealtimeStartParams.class).prompt())
                .isEqualTo(Optional.of("p"));
    }

    @Test
    void realtimeEventsRoundTripInTheirExternallyTaggedForm() {
        List<String> samples = List.of(
                "{\"SessionUpdated\":{\"session_id\":\"sess_C2x9\",\"instructions\":\"You are Parley's voice.\"}}",
                "{\"InputTranscriptDelta\":{\"delta\":\"book a table \"}}",
                "{\"AudioOut\":{\"data\":\"AAABAAIA\",\"sample_rate\":24000,\"num_channels\":1,\"samples_per_channel\":null,\"item_id\":\"item_out_1\"}}",
                "{\"ConversationItemAdded\":{\"id\":\"item_u1\",\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_audio\",\"transcript\":null}]}}",
                "{\"ConversationItemDone\":{\"item_id\":\"item_u1\"}}",
                "{\"HandoffRequested\":{\"handoff_id\":\"call_7\",\"item_id\":\"item_fc7\",\"input_transcript\":\"find\",\"active_transcript\":[{\"role\":\"user\",\"text\":\"book\"}]}}",
                "{\"Error\":\"Invalid value: 'pcm8'.\"}",
                "{\"ResponseDone\":{\"response_id\":null}}",
                "{\"NoopRequested\":{\"call_id\":\"call_8\",\"item_id\":\"item_fc8\"}}");
        for (String sample : samples) {
            RealtimeEvent event = json.readValue(sample, RealtimeEvent.class);
            assertThat(json.writeValueAsString(event)).isEqualTo(sample);
        }
        assertThat(json.readValue("{\"Error\":\"boom\"}", RealtimeEvent.class)).isEqualTo(new RealtimeEvent.Error("boom"));
    }
}
