package dev.parley.rpc;

import dev.parley.protocol.v2.ProtocolRegistry.RequestMethod;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The dispatch table: method name → params type, scope and handler. Method groups register into it. */
public final class RpcMethodTable {

    /**
     * One registered method.
     *
     * @param shed called with the thread id when a thread-scoped call is rejected because the thread's FIFO
     *     is full (for counters such as {@code audioInDropped}); the caller is told {@code -32001} anyway
     */
    public record Entry<P extends Record>(RequestMethod<P, ?> method, RpcScope scope, RpcHandler<P> handler,
            Consumer<String> shed) {
    }

    private final Map<String, Entry<?>> entries = new ConcurrentHashMap<>();

    public <P extends Record> void register(RequestMethod<P, ?> method, RpcScope scope, RpcHandler<P> handler) {
        register(method, scope, handler, threadId -> { });
    }

    public <P extends Record> void register(RequestMethod<P, ?> method, RpcScope scope, RpcHandler<P> handler,
            Consumer<String> shed) {
        if (entries.putIfAbsent(method.method(), new Entry<>(method, scope, handler, shed)) != null) {
            throw new IllegalStateException("method registered twice: " + method.method());
        }
    }

    public Optional<Entry<?>> find(String method) {
        return Optional.ofNullable(entries.get(method));
    }
}
