package dev.parley.rpc;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;

/** The open {@code /rpc} connections by id. */
public final class ConnectionRegistry {

    private static final Logger log = LoggerFactory.getLogger(ConnectionRegistry.class);
    /** 1001 (going away), the status a client sees when the server shuts down. */
    static final CloseStatus SHUTDOWN = CloseStatus.GOING_AWAY.withReason("server shutting down");

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

    /**
     * The connections' step of a graceful shutdown: every client gets what is queued for it, then a Close
     * frame (1001); a connection that has not drained by {@code deadline} (a client that stopped reading) is
     * closed at once.
     */
    void closeAll(Instant deadline) throws InterruptedException {
        List<RpcConnection> open = List.copyOf(connections.values());
        if (open.isEmpty()) {
            return;
        }
        log.info("shutdown: closing {} client connection(s)", open.size());
        CompletableFuture<?>[] drained = open.stream().map(c -> c.drainAndClose(SHUTDOWN))
                .toArray(CompletableFuture[]::new);
        try {
            long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            CompletableFuture.allOf(drained).get(left, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            long stuck = open.stream().filter(c -> !c.isClosed()).count();
            log.warn("shutdown: {} client connection(s) did not drain in time; closing them", stuck);
            open.forEach(c -> c.close(SHUTDOWN));
        }
    }

    /** Open connections, for metrics and tests. */
    public int size() {
        return connections.size();
    }
}
