package dev.parley.rpc;

import dev.parley.protocol.v2.ProtocolRegistry;
import dev.parley.protocol.v2.ThreadRealtimeAppendAudioParams;
import dev.parley.protocol.v2.ThreadRealtimeAudioChunk;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The fast path of the audio hot path: reads a well-formed {@code thread/realtime/appendAudio} call (request or
 * notification) in one streaming pass, without a JSON tree or data binding. It recognises only calls that the
 * general path would bind successfully to exactly the same params; anything else (another method, a missing or
 * mistyped field, a duplicate member, trailing content, malformed JSON) returns {@code null} and the caller takes
 * the general path, which owns every error message.
 */
final class AppendAudioReader {

    private static final String METHOD = ProtocolRegistry.APPEND_AUDIO_NOTIFICATION.method();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A recognised call: {@code id} is null for the notification form. */
    record Call(@Nullable JsonNode id, ThreadRealtimeAppendAudioParams params) {
    }

    private final JsonMapper json;

    AppendAudioReader(JsonMapper json) {
        this.json = json;
    }

    /** The call {@code text} holds, or {@code null} when the general path must handle it. */
    @Nullable Call read(String text) {
        // cheap pre-check: every other message goes straight to the general path, parsed once
        if (!text.contains(METHOD)) {
            return null;
        }
        // straight from the factory: the mapper's createParser would build a deserialization context per call
        try (JsonParser parser = json.tokenStreamFactory().createParser(ObjectReadContext.empty(), text)) {
            return read(parser);
        } catch (JacksonException | NotPlain e) {
            return null;
        }
    }

    private static @Nullable Call read(JsonParser parser) {
        expect(parser.nextToken() == JsonToken.START_OBJECT);
        boolean method = false;
        JsonNode id = null;
        ThreadRealtimeAppendAudioParams params = null;
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "method" -> {
                    expect(!method && value == JsonToken.VALUE_STRING && METHOD.equals(parser.getString()));
                    method = true;
                }
                case "id" -> {
                    expect(id == null);
                    id = id(parser, value);
                }
                case "params" -> {
                    expect(params == null && value == JsonToken.START_OBJECT);
                    params = params(parser);
                }
                // other members are ignored by the general path too (a "jsonrpc" member, say)
                default -> parser.skipChildren();
            }
        }
        expect(parser.currentToken() == JsonToken.END_OBJECT && method && params != null);
        expect(parser.nextToken() == null);
        return new Call(id, params);
    }

    private static JsonNode id(JsonParser parser, JsonToken value) {
        if (value == JsonToken.VALUE_STRING) {
            return NODES.stringNode(parser.getString());
        }
        expect(value == JsonToken.VALUE_NUMBER_INT);
        return switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> throw NotPlain.INSTANCE;
        };
    }

    private static ThreadRealtimeAppendAudioParams params(JsonParser parser) {
        String threadId = null;
        ThreadRealtimeAudioChunk audio = null;
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "threadId" -> {
                    expect(threadId == null && value == JsonToken.VALUE_STRING);
                    threadId = parser.getString();
                }
                case "audio" -> {
                    expect(audio == null && value == JsonToken.START_OBJECT);
                    audio = audio(parser);
                }
                default -> parser.skipChildren();
            }
        }
        expect(threadId != null && audio != null);
        return new ThreadRealtimeAppendAudioParams(threadId, audio);
    }

    private static ThreadRealtimeAudioChunk audio(JsonParser parser) {
        String data = null;
        Integer sampleRate = null;
        Integer numChannels = null;
        Integer samplesPerChannel = null;
        boolean samplesSeen = false;
        String itemId = null;
        boolean itemSeen = false;
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "data" -> {
                    expect(data == null && value == JsonToken.VALUE_STRING);
                    data = parser.getString();
                }
                case "sampleRate" -> {
                    expect(sampleRate == null);
                    sampleRate = integer(parser, value);
                }
                case "numChannels" -> {
                    expect(numChannels == null);
                    numChannels = integer(parser, value);
                }
                case "samplesPerChannel" -> {
                    expect(!samplesSeen);
                    samplesSeen = true;
                    samplesPerChannel = value == JsonToken.VALUE_NULL ? null : integer(parser, value);
                }
                case "itemId" -> {
                    expect(!itemSeen && (value == JsonToken.VALUE_NULL || value == JsonToken.VALUE_STRING));
                    itemSeen = true;
                    itemId = value == JsonToken.VALUE_NULL ? null : parser.getString();
                }
                default -> parser.skipChildren();
            }
        }
        expect(data != null && sampleRate != null && numChannels != null);
        return new ThreadRealtimeAudioChunk(data, sampleRate, numChannels, samplesPerChannel, itemId);
    }

    private static int integer(JsonParser parser, JsonToken value) {
        expect(value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT);
        return parser.getIntValue();
    }

    private static void expect(boolean plain) {
        if (!plain) {
            throw NotPlain.INSTANCE;
        }
    }

    /** Not a plain call: the general path decides. Preallocated, without a stack trace: it is control flow. */
    private static final class NotPlain extends RuntimeException {

        static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super("not a plain appendAudio call", null, false, false);
        }
    }
}
