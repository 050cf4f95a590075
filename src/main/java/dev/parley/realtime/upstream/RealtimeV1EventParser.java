package dev.parley.realtime.upstream;

import dev.parley.protocol.RealtimeAudioFrame;
import dev.parley.protocol.RealtimeEvent;
import dev.parley.protocol.RealtimeHandoffRequested;
import dev.parley.protocol.RealtimeTranscriptDelta;
import dev.parley.protocol.RealtimeTranscriptDone;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The V1 ("quicksilver") parser: the mapping table of {@code 03} §9.2. */
final class RealtimeV1EventParser {

    private RealtimeV1EventParser() {
    }

    static Optional<RealtimeEvent> parse(String json) {
        return UpstreamJson.typedObject(json).flatMap(RealtimeV1EventParser::map);
    }

    private static Optional<RealtimeEvent> map(JsonNode message) {
        return switch (message.get("type").stringValue()) {
            case "session.updated" -> UpstreamJson.sessionUpdated(message);
            case "conversation.output_audio.delta" -> audio(message);
            case "conversation.input_transcript.delta", "conversation.item.input_audio_transcription.delta" ->
                    UpstreamJson.field(message, "delta",
                            d -> new RealtimeEvent.InputTranscriptDelta(new RealtimeTranscriptDelta(d)));
            case "conversation.item.input_audio_transcription.completed",
                    "conversation.input_transcript.turn_marked" ->
                    UpstreamJson.field(message, "transcript",
                            t -> new RealtimeEvent.InputTranscriptDone(new RealtimeTranscriptDone(t)));
            case "conversation.output_transcript.delta", "response.output_text.delta",
                    "response.output_audio_transcript.delta" ->
                    UpstreamJson.field(message, "delta",
                            d -> new RealtimeEvent.OutputTranscriptDelta(new RealtimeTranscriptDelta(d)));
            case "response.output_audio_transcript.done" ->
                    UpstreamJson.field(message, "transcript",
                            t -> new RealtimeEvent.OutputTranscriptDone(new RealtimeTranscriptDone(t)));
            case "conversation.item.added" -> Optional.ofNullable(message.get("item"))
                    .filter(item -> !item.isNull())
                    .map(RealtimeEvent.ConversationItemAdded::new);
            case "conversation.item.done" -> Optional.ofNullable(UpstreamJson.object(message, "item"))
                    .map(item -> UpstreamJson.string(item, "id"))
                    .map(RealtimeEvent.ConversationItemDone::new);
            case "conversation.handoff.requested" -> handoff(message);
            case "error" -> UpstreamJson.error(message);
            default -> Optional.empty();
        };
    }

    private static Optional<RealtimeEvent> audio(JsonNode message) {
        String data = UpstreamJson.firstString(message, "delta", "data");
        Integer sampleRate = UpstreamJson.unsigned(message, "sample_rate");
        Integer channels = UpstreamJson.firstUnsigned(message, "channels", "num_channels");
        if (data == null || sampleRate == null || channels == null || channels > 0xFFFF) {
            return Optional.empty();
        }
        return Optional.of(new RealtimeEvent.AudioOut(new RealtimeAudioFrame(data, sampleRate, channels,
                UpstreamJson.unsigned(message, "samples_per_channel"), null)));
    }

    private static Optional<RealtimeEvent> handoff(JsonNode message) {
        String handoffId = UpstreamJson.string(message, "handoff_id");
        String itemId = UpstreamJson.string(message, "item_id");
        String input = UpstreamJson.string(message, "input_transcript");
        if (handoffId == null || itemId == null || input == null) {
            return Optional.empty();
        }
        return Optional.of(new RealtimeEvent.HandoffRequested(
                new RealtimeHandoffRequested(handoffId, itemId, input, List.of())));
    }
}
