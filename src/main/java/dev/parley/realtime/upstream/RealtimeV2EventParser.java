package dev.parley.realtime.upstream;

import dev.parley.protocol.RealtimeAudioFrame;
import dev.parley.protocol.RealtimeEvent;
import dev.parley.protocol.RealtimeHandoffRequested;
import dev.parley.protocol.RealtimeInputAudioSpeechStarted;
import dev.parley.protocol.RealtimeNoopRequested;
import dev.parley.protocol.RealtimeResponseCancelled;
import dev.parley.protocol.RealtimeResponseCreated;
import dev.parley.protocol.RealtimeResponseDone;
import dev.parley.protocol.RealtimeTranscriptDelta;
import dev.parley.protocol.RealtimeTranscriptDone;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The V2 (GA) parser: the mapping table of {@code 03} §9.3. */
final class RealtimeV2EventParser {

    private static final int DEFAULT_SAMPLE_RATE = 24_000;

    private RealtimeV2EventParser() {
    }

    static Optional<RealtimeEvent> parse(String json) {
        return UpstreamJson.typedObject(json).flatMap(RealtimeV2EventParser::map);
    }

    private static Optional<RealtimeEvent> map(JsonNode message) {
        return switch (message.get("type").stringValue()) {
            case "session.updated" -> UpstreamJson.sessionUpdated(message);
            case "response.output_audio.delta", "response.audio.delta" -> audio(message);
            case "conversation.item.input_audio_transcription.delta" ->
                    UpstreamJson.field(message, "delta",
                            d -> new RealtimeEvent.InputTranscriptDelta(new RealtimeTranscriptDelta(d)));
            case "conversation.item.input_audio_transcription.completed" ->
                    UpstreamJson.field(message, "transcript",
                            t -> new RealtimeEvent.InputTranscriptDone(new RealtimeTranscriptDone(t)));
            case "response.output_text.delta", "response.output_audio_transcript.delta" ->
                    UpstreamJson.field(message, "delta",
                            d -> new RealtimeEvent.OutputTranscriptDelta(new RealtimeTranscriptDelta(d)));
            case "response.output_text.done" -> UpstreamJson.field(message, "text",
                    t -> new RealtimeEvent.OutputTranscriptDone(new RealtimeTranscriptDone(t)));
            case "response.output_audio_transcript.done" -> UpstreamJson.field(message, "transcript",
                    t -> new RealtimeEvent.OutputTranscriptDone(new RealtimeTranscriptDone(t)));
            case "input_audio_buffer.speech_started" -> Optional.of(new RealtimeEvent.InputAudioSpeechStarted(
                    new RealtimeInputAudioSpeechStarted(UpstreamJson.string(message, "item_id"))));
            case "conversation.item.added", "conversation.item.created" -> Optional.ofNullable(message.get("item"))
                    .filter(item -> !item.isNull())
                    .map(RealtimeEvent.ConversationItemAdded::new);
            case "conversation.item.done" -> Optional.ofNullable(UpstreamJson.object(message, "item"))
                    .flatMap(RealtimeV2EventParser::itemDone);
            case "response.created" -> Optional.of(
                    new RealtimeEvent.ResponseCreated(new RealtimeResponseCreated(responseId(message))));
            case "response.cancelled" -> Optional.of(
                    new RealtimeEvent.ResponseCancelled(new RealtimeResponseCancelled(responseId(message))));
            case "response.done" -> Optional.of(
                    new RealtimeEvent.ResponseDone(new RealtimeResponseDone(responseId(message))));
            case "error" -> UpstreamJson.error(message);
            default -> Optional.empty();
        };
    }

    private static Optional<RealtimeEvent> audio(JsonNode message) {
        String data = UpstreamJson.string(message, "delta");
        if (data == null) {
            return Optional.empty();
        }
        Integer sampleRate = UpstreamJson.unsigned(message, "sample_rate");
        Integer channels = UpstreamJson.firstUnsigned(message, "channels", "num_channels");
        return Optional.of(new RealtimeEvent.AudioOut(new RealtimeAudioFrame(data,
                sampleRate != null ? sampleRate : DEFAULT_SAMPLE_RATE,
                channels != null && channels <= 0xFFFF ? channels : 1,
                UpstreamJson.unsigned(message, "samples_per_channel"),
                UpstreamJson.string(message, "item_id"))));
    }

    private static Optional<RealtimeEvent> itemDone(JsonNode item) {
        String id = UpstreamJson.string(item, "id");
        String callId = UpstreamJson.string(item, "call_id");
        if ("function_call".equals(UpstreamJson.string(item, "type"))) {
            String name = Objects.requireNonNullElse(UpstreamJson.string(item, "name"), "");
            if (name.equals(RealtimeTools.BACKGROUND_AGENT) || name.equals(RealtimeTools.REMAIN_SILENT)) {
                return toolCall(name, item, id, callId);
            }
        }
        return Optional.ofNullable(id).map(RealtimeEvent.ConversationItemDone::new);
    }

    private static Optional<RealtimeEvent> toolCall(String name, JsonNode item, @Nullable String id,
            @Nullable String callId) {
        if (id == null && callId == null) {
            return Optional.empty();
        }
        String effectiveCallId = callId != null ? callId : id;
        String effectiveItemId = id != null ? id : callId;
        if (name.equals(RealtimeTools.REMAIN_SILENT)) {
            return Optional.of(new RealtimeEvent.NoopRequested(
                    new RealtimeNoopRequested(effectiveCallId, effectiveItemId)));
        }
        String input = HandoffArguments.inputTranscript(UpstreamJson.string(item, "arguments"));
        return Optional.of(new RealtimeEvent.HandoffRequested(
                new RealtimeHandoffRequested(effectiveCallId, effectiveItemId, input, List.of())));
    }

    private static @Nullable String responseId(JsonNode message) {
        JsonNode response = UpstreamJson.object(message, "response");
        String id = response != null ? UpstreamJson.string(response, "id") : null;
        return id != null ? id : UpstreamJson.string(message, "response_id");
    }
}
