package dev.parley.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The variant table of {@link RealtimeEvent}, in wire declaration order: first the eight variants of
 * the Codex export, then Parley's later ones. The (de)serializer and the schema exporter both read it.
 */
public enum RealtimeEventVariant {
    SESSION_UPDATED("SessionUpdated", RealtimeEvent.SessionUpdated.class, PayloadKind.INLINE, null),
    INPUT_TRANSCRIPT_DELTA("InputTranscriptDelta", RealtimeEvent.InputTranscriptDelta.class, PayloadKind.NAMED,
            RealtimeTranscriptDelta.class),
    OUTPUT_TRANSCRIPT_DELTA("OutputTranscriptDelta", RealtimeEvent.OutputTranscriptDelta.class, PayloadKind.NAMED,
            RealtimeTranscriptDelta.class),
    AUDIO_OUT("AudioOut", RealtimeEvent.AudioOut.class, PayloadKind.NAMED, RealtimeAudioFrame.class),
    CONVERSATION_ITEM_ADDED("ConversationItemAdded", RealtimeEvent.ConversationItemAdded.class,
            PayloadKind.ANY_JSON, null),
    CONVERSATION_ITEM_DONE("ConversationItemDone", RealtimeEvent.ConversationItemDone.class, PayloadKind.INLINE,
            null),
    HANDOFF_REQUESTED("HandoffRequested", RealtimeEvent.HandoffRequested.class, PayloadKind.NAMED,
            RealtimeHandoffRequested.class),
    ERROR("Error", RealtimeEvent.Error.class, PayloadKind.STRING, null),
    INPUT_AUDIO_SPEECH_STARTED("InputAudioSpeechStarted", RealtimeEvent.InputAudioSpeechStarted.class,
            PayloadKind.NAMED, RealtimeInputAudioSpeechStarted.class),
    INPUT_TRANSCRIPT_DONE("InputTranscriptDone", RealtimeEvent.InputTranscriptDone.class, PayloadKind.NAMED,
            RealtimeTranscriptDone.class),
    OUTPUT_TRANSCRIPT_DONE("OutputTranscriptDone", RealtimeEvent.OutputTranscriptDone.class, PayloadKind.NAMED,
            RealtimeTranscriptDone.class),
    RESPONSE_CREATED("ResponseCreated", RealtimeEvent.ResponseCreated.class, PayloadKind.NAMED,
            RealtimeResponseCreated.class),
    RESPONSE_CANCELLED("ResponseCancelled", RealtimeEvent.ResponseCancelled.class, PayloadKind.NAMED,
            RealtimeResponseCancelled.class),
    RESPONSE_DONE("ResponseDone", RealtimeEvent.ResponseDone.class, PayloadKind.NAMED, RealtimeResponseDone.class),
    NOOP_REQUESTED("NoopRequested", RealtimeEvent.NoopRequested.class, PayloadKind.NAMED,
            RealtimeNoopRequested.class);

    /** How a variant's payload is written on the wire. */
    public enum PayloadKind {
        /** The variant record's single component, a named payload record. */
        NAMED,
        /** The variant record itself, written as an anonymous object. */
        INLINE,
        /** The variant record's single {@code String} component. */
        STRING,
        /** The variant record's single {@code JsonNode} component, any JSON. */
        ANY_JSON
    }

    private static final Map<String, RealtimeEventVariant> BY_KEY =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(RealtimeEventVariant::key, Function.identity()));
    private static final Map<Class<?>, RealtimeEventVariant> BY_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(v -> v.type, Function.identity()));

    private final String key;
    private final Class<? extends RealtimeEvent> type;
    private final PayloadKind payloadKind;
    private final @Nullable Class<? extends Record> payloadType;

    RealtimeEventVariant(String key, Class<? extends RealtimeEvent> type, PayloadKind payloadKind,
            @Nullable Class<? extends Record> payloadType) {
        this.key = key;
        this.type = type;
        this.payloadKind = payloadKind;
        this.payloadType = payloadType;
    }

    /** The wire key, e.g. {@code InputTranscriptDelta}. */
    public String key() {
        return key;
    }

    /** The Java variant record. */
    public Class<? extends RealtimeEvent> type() {
        return type;
    }

    public PayloadKind payloadKind() {
        return payloadKind;
    }

    /** The named payload record for {@link PayloadKind#NAMED} variants, else {@code null}. */
    public @Nullable Class<? extends Record> payloadType() {
        return payloadType;
    }

    public static Optional<RealtimeEventVariant> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    public static RealtimeEventVariant of(RealtimeEvent event) {
        return BY_TYPE.get(event.getClass());
    }

    /** Every variant in wire declaration order. */
    public static List<RealtimeEventVariant> inOrder() {
        return List.of(values());
    }
}
