package dev.parley.realtime.upstream;

import dev.parley.protocol.RealtimeAudioFrame;
import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.protocol.RealtimeEvent;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * The output-audio delta, read with the streaming parser instead of a tree: it is nearly every upstream message
 * while the model speaks (50 a second per conversation), and the tree cost more than the relay of the frame.
 * It reads only the top-level fields an audio event needs and answers {@code null} ("not mine, use the general
 * parser") for anything else: another type, a duplicate field, a field of an unexpected kind, malformed JSON
 * or trailing content. So the event it does return is the one the general parser would return; the parsers'
 * tests compare the two.
 */
final class AudioDeltaFastPath {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final int V2_DEFAULT_SAMPLE_RATE = 24_000;

    private static final int TYPE = 0;
    private static final int DELTA = 1;
    private static final int DATA = 2;
    private static final int ITEM_ID = 3;
    private static final int SAMPLE_RATE = 4;
    private static final int CHANNELS = 5;
    private static final int NUM_CHANNELS = 6;
    private static final int SAMPLES_PER_CHANNEL = 7;
    private static final int OTHER = -1;

    private AudioDeltaFastPath() {
    }

    /** The audio event read on the fast path, else whatever {@code general} makes of the message. */
    static Optional<RealtimeEvent> parse(String json, RealtimeConversationVersion version, RealtimeEventParser general) {
        RealtimeEvent.AudioOut audio = read(json, version);
        return audio != null ? Optional.of(audio) : general.parse(json);
    }

    /**
     * The output-audio event of {@code version} ({@code response.output_audio.delta} or the beta
     * {@code response.audio.delta} for V2, {@code conversation.output_audio.delta} for V1), or {@code null}.
     */
    static RealtimeEvent.@Nullable AudioOut read(String json, RealtimeConversationVersion version) {
        Fields fields = new Fields();
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            int seen = 0;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
                int field = field(parser.currentName());
                JsonToken value = parser.nextToken();
                if (field == OTHER) {
                    parser.skipChildren();
                    continue;
                }
                if ((seen & (1 << field)) != 0 || !fields.read(field, value, parser, version)) {
                    return null;
                }
                seen |= 1 << field;
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null || (seen & (1 << TYPE)) == 0) {
                return null;
            }
        } catch (JacksonException e) {
            return null;
        }
        return fields.event(version);
    }

    private static int field(String name) {
        return switch (name) {
            case "type" -> TYPE;
            case "delta" -> DELTA;
            case "data" -> DATA;
            case "item_id" -> ITEM_ID;
            case "sample_rate" -> SAMPLE_RATE;
            case "channels" -> CHANNELS;
            case "num_channels" -> NUM_CHANNELS;
            case "samples_per_channel" -> SAMPLES_PER_CHANNEL;
            default -> OTHER;
        };
    }

    private static boolean isAudioType(String type, RealtimeConversationVersion version) {
        return version == RealtimeConversationVersion.V2
                ? type.equals("response.output_audio.delta") || type.equals("response.audio.delta")
                : type.equals("conversation.output_audio.delta");
    }

    /** The fields read so far; a value of another kind than expected is left to the general parser. */
    private static final class Fields {
        private @Nullable String delta;
        private @Nullable String data;
        private @Nullable String itemId;
        private int sampleRate = -1;
        private int channels = -1;
        private int numChannels = -1;
        private int samplesPerChannel = -1;

        boolean read(int field, @Nullable JsonToken value, JsonParser parser, RealtimeConversationVersion version) {
            if (field == TYPE) {
                // the type usually comes first: anything but audio leaves at once
                return value == JsonToken.VALUE_STRING && isAudioType(parser.getString(), version);
            }
            if (field <= ITEM_ID) {
                if (value != JsonToken.VALUE_STRING) {
                    return false;
                }
                String text = parser.getString();
                switch (field) {
                    case DELTA -> delta = text;
                    case DATA -> data = text;
                    default -> itemId = text;
                }
                return true;
            }
            if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
                return false;
            }
            int number = parser.getIntValue();
            if (number < 0) {
                return false;
            }
            switch (field) {
                case SAMPLE_RATE -> sampleRate = number;
                case CHANNELS -> channels = number;
                case NUM_CHANNELS -> numChannels = number;
                default -> samplesPerChannel = number;
            }
            return true;
        }

        /** The event, or {@code null} when the type was missing or a required field is absent. */
        RealtimeEvent.@Nullable AudioOut event(RealtimeConversationVersion version) {
            Integer samples = samplesPerChannel >= 0 ? samplesPerChannel : null;
            int channelCount = channels >= 0 ? channels : numChannels;
            if (version == RealtimeConversationVersion.V2) {
                if (delta == null || data != null) {
                    return null;
                }
                return new RealtimeEvent.AudioOut(new RealtimeAudioFrame(delta,
                        sampleRate >= 0 ? sampleRate : V2_DEFAULT_SAMPLE_RATE,
                        channelCount >= 0 && channelCount <= 0xFFFF ? channelCount : 1, samples, itemId));
            }
            String payload = delta != null ? delta : data;
            if (payload == null || sampleRate < 0 || channelCount < 0 || channelCount > 0xFFFF) {
                return null;
            }
            return new RealtimeEvent.AudioOut(new RealtimeAudioFrame(payload, sampleRate, channelCount, samples, null));
        }
    }
}
