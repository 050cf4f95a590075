package dev.parley.rpc;

import dev.parley.protocol.v2.ProtocolRegistry;
import dev.parley.protocol.v2.ThreadReadResponse;
import dev.parley.protocol.v2.ThreadUnsubscribeResponse;
import dev.parley.protocol.v2.ThreadUnsubscribeStatus;
import dev.parley.thread.SubscriptionRegistry;
import dev.parley.thread.ThreadRecord;
import dev.parley.thread.ThreadService;
import org.springframework.stereotype.Component;

/** {@code thread/start}, {@code resume}, {@code read}, {@code list} and {@code unsubscribe}. */
@Component
public class ThreadRpcMethods implements RpcMethodGroup {

    private final ThreadService threads;
    private final SubscriptionRegistry subscriptions;

    public ThreadRpcMethods(ThreadService threads, SubscriptionRegistry subscriptions) {
        this.threads = threads;
        this.subscriptions = subscriptions;
    }

    @Override
    public void register(RpcMethodTable table) {
        table.register(ProtocolRegistry.THREAD_START, RpcScope.NONE, (params, context) -> {
            ThreadRecord thread = threads.start(params);
            subscriptions.subscribe(thread.id(), context.connectionId());
            // the response first, then the broadcast (02 §5.3)
            context.respond(threads.startResponse(thread));
            threads.announceStarted(thread);
            return null;
        });
        table.register(ProtocolRegistry.THREAD_RESUME, RpcScope.THREAD,
                (params, context) -> threads.resumeResponse(threads.require(params.threadId())));
        table.register(ProtocolRegistry.THREAD_READ, RpcScope.THREAD_NO_SUBSCRIBE,
                (params, context) -> new ThreadReadResponse(threads.read(params.threadId(),
                        Boolean.TRUE.equals(params.includeTurns()))));
        table.register(ProtocolRegistry.THREAD_LIST, RpcScope.NONE,
                (params, context) -> threads.list(params.cursor(), params.limit()));
        table.register(ProtocolRegistry.THREAD_UNSUBSCRIBE, RpcScope.THREAD_NO_SUBSCRIBE, (params, context) -> {
            boolean removed = subscriptions.unsubscribe(params.threadId(), context.connectionId());
            return new ThreadUnsubscribeResponse(
                    removed ? ThreadUnsubscribeStatus.UNSUBSCRIBED : ThreadUnsubscribeStatus.NOT_SUBSCRIBED);
        });
    }
}
