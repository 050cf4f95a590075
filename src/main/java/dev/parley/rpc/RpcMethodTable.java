package dev.parley.rpc;

import dev.parley.protocol.ProtocolRegistry.RequestMethod;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The dispatch table: method name → params type, scope and handler. Method groups register into it. */
public final class RpcMethodTable {

    /** One registered method. */
    public record Entry<P extends Record>(RequestMethod<P, ?> method, RpcScope scope, RpcHandler<P> handler) {
    }

    private final Map<String, Entry<?>> entries = new ConcurrentHashMap<>();

    public <P extends Record> void register(RequestMethod<P, ?> method, RpcScope scope, RpcHandler<P> handler) {
        if (entries.putIfAbsent(method.method(), new Entry<>(method, scope, handler)) != null) {
            throw new IllegalStateException("method registered twice: " + method.method());
        }
    }

    public Optional<Entry<?>> find(String method) {
        return Optional.ofNullable(entries.get(method));
    }
}
