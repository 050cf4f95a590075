package dev.parley.rpc;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** The open {@code /rpc} connections by id. */
public final class ConnectionRegistry {

    private final Map<String, RpcConnection> connections = new ConcurrentHashMap<>();

    void add(RpcConnection connection) {
        connections.put(connection.id(), connection);
    }

    void remove(RpcConnection connection) {
        connections.remove(connection.id(), connection);
    }

    @Nullable RpcConnection get(String id) {
        return connections.get(id);
    }

    Collection<RpcConnection> all() {
        return connections.values();
    }

    /** Open connections, for metrics and tests. */
    public int size() {
        return connections.size();
    }
}
