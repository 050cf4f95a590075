package dev.parley.protocol.v2;

import dev.parley.protocol.InitializeParams;
import dev.parley.protocol.InitializeResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The ordered registry of every JSON-RPC method and notification: method name, params type and result
 * type. The RPC dispatcher and the schema exporter both read it, so the declaration order here is the
 * variant order of {@code ClientRequest}, {@code ClientNotification} and {@code ServerNotification}.
 */
public final class ProtocolRegistry {

    /** A client request: method name, params record and result record. */
    public record RequestMethod<P extends Record, R extends Record>(String method, Class<P> params, Class<R> result) {
    }

    /** A notification: method name and params record ({@code null} when it has no params). */
    public record NotificationMethod<P extends Record>(String method, @Nullable Class<P> params) {
    }

    public static final RequestMethod<InitializeParams, InitializeResponse> INITIALIZE =
            new RequestMethod<>("initialize", InitializeParams.class, InitializeResponse.class);
    public static final RequestMethod<ThreadStartParams, ThreadStartResponse> THREAD_START =
            new RequestMethod<>("thread/start", ThreadStartParams.class, ThreadStartResponse.class);
    public static final RequestMethod<ThreadResumeParams, ThreadResumeResponse> THREAD_RESUME =
            new RequestMethod<>("thread/resume", ThreadResumeParams.class, ThreadResumeResponse.class);
    public static final RequestMethod<ThreadReadParams, ThreadReadResponse> THREAD_READ =
            new RequestMethod<>("thread/read", ThreadReadParams.class, ThreadReadResponse.class);
    public static final RequestMethod<ThreadListParams, ThreadListResponse> THREAD_LIST =
            new RequestMethod<>("thread/list", ThreadListParams.class, ThreadListResponse.class);
    public static final RequestMethod<ThreadUnsubscribeParams, ThreadUnsubscribeResponse> THREAD_UNSUBSCRIBE =
            new RequestMethod<>("thread/unsubscribe", ThreadUnsubscribeParams.class, ThreadUnsubscribeResponse.class);
    public static final RequestMethod<TurnStartParams, TurnStartResponse> TURN_START =
            new RequestMethod<>("turn/start", TurnStartParams.class, TurnStartResponse.class);
    public static final RequestMethod<TurnSteerParams, TurnSteerResponse> TURN_STEER =
            new RequestMethod<>("turn/steer", TurnSteerParams.class, TurnSteerResponse.class);
    public static final RequestMethod<TurnInterruptParams, TurnInterruptResponse> TURN_INTERRUPT =
            new RequestMethod<>("turn/interrupt", TurnInterruptParams.class, TurnInterruptResponse.class);
    public static final RequestMethod<ThreadRealtimeStartParams, ThreadRealtimeStartResponse> REALTIME_START =
            new RequestMethod<>("thread/realtime/start", ThreadRealtimeStartParams.class,
                    ThreadRealtimeStartResponse.class);
    public static final RequestMethod<ThreadRealtimeAppendAudioParams, ThreadRealtimeAppendAudioResponse>
            REALTIME_APPEND_AUDIO = new RequestMethod<>("thread/realtime/appendAudio",
                    ThreadRealtimeAppendAudioParams.class, ThreadRealtimeAppendAudioResponse.class);
    public static final RequestMethod<ThreadRealtimeAppendTextParams, ThreadRealtimeAppendTextResponse>
            REALTIME_APPEND_TEXT = new RequestMethod<>("thread/realtime/appendText",
                    ThreadRealtimeAppendTextParams.class, ThreadRealtimeAppendTextResponse.class);
    public static final RequestMethod<ThreadRealtimeAppendSpeechParams, ThreadRealtimeAppendSpeechResponse>
            REALTIME_APPEND_SPEECH = new RequestMethod<>("thread/realtime/appendSpeech",
                    ThreadRealtimeAppendSpeechParams.class, ThreadRealtimeAppendSpeechResponse.class);
    public static final RequestMethod<ThreadRealtimeStopParams, ThreadRealtimeStopResponse> REALTIME_STOP =
            new RequestMethod<>("thread/realtime/stop", ThreadRealtimeStopParams.class,
                    ThreadRealtimeStopResponse.class);
    public static final RequestMethod<ThreadRealtimeListParams, ThreadRealtimeListResponse> REALTIME_LIST =
            new RequestMethod<>("thread/realtime/list", ThreadRealtimeListParams.class,
                    ThreadRealtimeListResponse.class);
    public static final RequestMethod<ThreadRealtimeListVoicesParams, ThreadRealtimeListVoicesResponse>
            REALTIME_LIST_VOICES = new RequestMethod<>("thread/realtime/listVoices",
                    ThreadRealtimeListVoicesParams.class, ThreadRealtimeListVoicesResponse.class);

    /** Every client request, in {@code ClientRequest} variant order. */
    public static final List<RequestMethod<?, ?>> CLIENT_REQUESTS = List.of(
            INITIALIZE, THREAD_START, THREAD_RESUME, THREAD_READ, THREAD_LIST, THREAD_UNSUBSCRIBE,
            TURN_START, TURN_STEER, TURN_INTERRUPT,
            REALTIME_START, REALTIME_APPEND_AUDIO, REALTIME_APPEND_TEXT, REALTIME_APPEND_SPEECH, REALTIME_STOP,
            REALTIME_LIST, REALTIME_LIST_VOICES);

    public static final NotificationMethod<Record> INITIALIZED = new NotificationMethod<>("initialized", null);
    public static final NotificationMethod<ThreadRealtimeAppendAudioParams> APPEND_AUDIO_NOTIFICATION =
            new NotificationMethod<>("thread/realtime/appendAudio", ThreadRealtimeAppendAudioParams.class);

    /** Every client notification, in {@code ClientNotification} variant order. */
    public static final List<NotificationMethod<?>> CLIENT_NOTIFICATIONS = List.of(INITIALIZED, APPEND_AUDIO_NOTIFICATION);

    public static final NotificationMethod<ErrorNotification> ERROR =
            new NotificationMethod<>("error", ErrorNotification.class);
    public static final NotificationMethod<ThreadStartedNotification> THREAD_STARTED =
            new NotificationMethod<>("thread/started", ThreadStartedNotification.class);
    public static final NotificationMethod<ThreadStatusChangedNotification> THREAD_STATUS_CHANGED =
            new NotificationMethod<>("thread/status/changed", ThreadStatusChangedNotification.class);
    public static final NotificationMethod<TurnStartedNotification> TURN_STARTED =
            new NotificationMethod<>("turn/started", TurnStartedNotification.class);
    public static final NotificationMethod<TurnCompletedNotification> TURN_COMPLETED =
            new NotificationMethod<>("turn/completed", TurnCompletedNotification.class);
    public static final NotificationMethod<ItemStartedNotification> ITEM_STARTED =
            new NotificationMethod<>("item/started", ItemStartedNotification.class);
    public static final NotificationMethod<ItemCompletedNotification> ITEM_COMPLETED =
            new NotificationMethod<>("item/completed", ItemCompletedNotification.class);
    public static final NotificationMethod<AgentMessageDeltaNotification> AGENT_MESSAGE_DELTA =
            new NotificationMethod<>("item/agentMessage/delta", AgentMessageDeltaNotification.class);
    public static final NotificationMethod<ThreadRealtimeStartedNotification> REALTIME_STARTED =
            new NotificationMethod<>("thread/realtime/started", ThreadRealtimeStartedNotification.class);
    public static final NotificationMethod<ThreadRealtimeItemAddedNotification> REALTIME_ITEM_ADDED =
            new NotificationMethod<>("thread/realtime/itemAdded", ThreadRealtimeItemAddedNotification.class);
    public static final NotificationMethod<ThreadRealtimeItemStartedNotification> REALTIME_TIMELINE_ITEM_STARTED =
            new NotificationMethod<>("thread/realtime/item/started", ThreadRealtimeItemStartedNotification.class);
    public static final NotificationMethod<ThreadRealtimeItemTranscriptDeltaNotification>
            REALTIME_TIMELINE_TRANSCRIPT_DELTA = new NotificationMethod<>("thread/realtime/item/transcript/delta",
                    ThreadRealtimeItemTranscriptDeltaNotification.class);
    public static final NotificationMethod<ThreadRealtimeItemCompletedNotification> REALTIME_TIMELINE_ITEM_COMPLETED =
            new NotificationMethod<>("thread/realtime/item/completed", ThreadRealtimeItemCompletedNotification.class);
    public static final NotificationMethod<ThreadRealtimeTranscriptDeltaNotification> REALTIME_TRANSCRIPT_DELTA =
            new NotificationMethod<>("thread/realtime/transcript/delta",
                    ThreadRealtimeTranscriptDeltaNotification.class);
    public static final NotificationMethod<ThreadRealtimeTranscriptDoneNotification> REALTIME_TRANSCRIPT_DONE =
            new NotificationMethod<>("thread/realtime/transcript/done", ThreadRealtimeTranscriptDoneNotification.class);
    public static final NotificationMethod<ThreadRealtimeOutputAudioDeltaNotification> REALTIME_OUTPUT_AUDIO_DELTA =
            new NotificationMethod<>("thread/realtime/outputAudio/delta",
                    ThreadRealtimeOutputAudioDeltaNotification.class);
    public static final NotificationMethod<ThreadRealtimeErrorNotification> REALTIME_ERROR =
            new NotificationMethod<>("thread/realtime/error", ThreadRealtimeErrorNotification.class);
    public static final NotificationMethod<ThreadRealtimeClosedNotification> REALTIME_CLOSED =
            new NotificationMethod<>("thread/realtime/closed", ThreadRealtimeClosedNotification.class);
    public static final NotificationMethod<ThreadRealtimeEventNotification> REALTIME_EVENT =
            new NotificationMethod<>("thread/realtime/event", ThreadRealtimeEventNotification.class);

    /** Every server notification, in {@code ServerNotification} variant order. */
    public static final List<NotificationMethod<?>> SERVER_NOTIFICATIONS = List.of(
            ERROR, THREAD_STARTED, THREAD_STATUS_CHANGED, TURN_STARTED, TURN_COMPLETED, ITEM_STARTED,
            ITEM_COMPLETED, AGENT_MESSAGE_DELTA, REALTIME_STARTED, REALTIME_ITEM_ADDED, REALTIME_TIMELINE_ITEM_STARTED,
            REALTIME_TIMELINE_TRANSCRIPT_DELTA, REALTIME_TIMELINE_ITEM_COMPLETED, REALTIME_TRANSCRIPT_DELTA,
            REALTIME_TRANSCRIPT_DONE, REALTIME_OUTPUT_AUDIO_DELTA, REALTIME_ERROR, REALTIME_CLOSED, REALTIME_EVENT);

    private static final Map<String, RequestMethod<?, ?>> REQUESTS_BY_NAME = CLIENT_REQUESTS.stream()
            .collect(Collectors.toUnmodifiableMap(RequestMethod::method, Function.identity()));

    private ProtocolRegistry() {
    }

    /** The request method of that name, if Parley serves it. */
    public static Optional<RequestMethod<?, ?>> request(String method) {
        return Optional.ofNullable(REQUESTS_BY_NAME.get(method));
    }
}
