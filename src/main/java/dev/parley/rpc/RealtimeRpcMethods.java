package dev.parley.rpc;

import dev.parley.error.ApiException;
import dev.parley.error.ErrorKind;
import dev.parley.protocol.v2.ProtocolRegistry;
import dev.parley.protocol.RealtimeVoicesList;
import dev.parley.protocol.v2.ThreadRealtimeAppendAudioResponse;
import dev.parley.protocol.v2.ThreadRealtimeAppendSpeechResponse;
import dev.parley.protocol.v2.ThreadRealtimeAppendTextResponse;
import dev.parley.protocol.v2.ThreadRealtimeListVoicesResponse;
import dev.parley.protocol.v2.ThreadRealtimeStartResponse;
import dev.parley.protocol.v2.ThreadRealtimeStopResponse;
import dev.parley.realtime.conversation.RealtimeConversationManager;
import dev.parley.realtime.conversation.PreparedStart;
import dev.parley.realtime.timeline.RealtimeTimelineService;
import dev.parley.thread.ThreadService;
import org.springframework.stereotype.Component;

/**
 * {@code thread/realtime/*} over JSON-RPC: thin handlers over {@link RealtimeConversationManager}. Thread-scoped
 * handlers run in the thread's FIFO slot; {@code start} and {@code stop} answer {@code {}} first and keep the
 * slot until the connect or the close is done ({@code 02} §2.6, §7).
 */
@Component
public class RealtimeRpcMethods implements RpcMethodGroup {

    private final RealtimeConversationManager manager;
    private final ThreadService threads;
    private final RealtimeTimelineService timeline;

    public RealtimeRpcMethods(RealtimeConversationManager manager, ThreadService threads,
            RealtimeTimelineService timeline) {
        this.manager = manager;
        this.threads = threads;
        this.timeline = timeline;
    }

    @Override
    public void register(RpcMethodTable table) {
        table.register(ProtocolRegistry.REALTIME_START, RpcScope.THREAD, (params, context) -> {
            Runnable release = context.conversations().tryClaim(params.threadId());
            if (release == null) {
                throw new ApiException(ErrorKind.INVALID_REQUEST, "too many realtime conversations on this connection"
                        + " (limit " + context.conversations().limit() + ")");
            }
            PreparedStart prepared;
            Runnable admitted = null;
            try {
                admitted = manager.admit(params.threadId());
                prepared = manager.prepareStart(threads.require(params.threadId()), params);
            } catch (RuntimeException e) {
                release.run();
                if (admitted != null) {
                    admitted.run();
                }
                throw e;
            }
            // {} means "accepted", whatever happens next; the slots stay held until the conversation has ended
            context.respond(new ThreadRealtimeStartResponse());
            Runnable server = admitted;
            manager.carryOut(prepared, () -> {
                release.run();
                server.run();
            });
            return null;
        });
        table.register(ProtocolRegistry.REALTIME_APPEND_AUDIO, RpcScope.THREAD_QUICK, (params, context) -> {
            AudioData.requireBase64(params.audio().data());
            manager.appendAudio(params.threadId(), params.audio().data());
            return new ThreadRealtimeAppendAudioResponse();
        }, manager::audioDroppedBeforeQueue);
        table.register(ProtocolRegistry.REALTIME_APPEND_TEXT, RpcScope.THREAD, (params, context) -> {
            manager.appendText(params.threadId(), params.text(), params.role(),
                    Boolean.TRUE.equals(params.createResponse()));
            return new ThreadRealtimeAppendTextResponse();
        });
        table.register(ProtocolRegistry.REALTIME_APPEND_SPEECH, RpcScope.THREAD, (params, context) -> {
            manager.appendSpeech(params.threadId(), params.text());
            return new ThreadRealtimeAppendSpeechResponse();
        });
        table.register(ProtocolRegistry.REALTIME_STOP, RpcScope.THREAD, (params, context) -> {
            context.respond(new ThreadRealtimeStopResponse());
            manager.stop(params.threadId());
            return null;
        });
        // a read of the stored history: concurrent, not behind a start that holds the thread's slot while connecting
        table.register(ProtocolRegistry.REALTIME_LIST, RpcScope.NONE, (params, context) -> {
            threads.require(params.threadId());
            return timeline.list(params);
        });
        table.register(ProtocolRegistry.REALTIME_LIST_VOICES, RpcScope.NONE,
                (params, context) -> new ThreadRealtimeListVoicesResponse(RealtimeVoicesList.standard()));
    }
}
