package dev.parley.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The connections' shutdown step ({@link ConnectionRegistry#closeAll}): what is queued for a client is written
 * before its Close frame (1001), even when the socket is slow at that moment; a client that never drains is
 * closed at the deadline instead of holding the shutdown.
 */
class ConnectionShutdownTest {

    @Test
    void everythingQueuedIsWrittenBeforeTheCloseFrame() throws Exception {
        List<String> wire = new CopyOnWriteArrayList<>();
        CountDownLatch slowWrite = new CountDownLatch(1);
        WebSocketSession session = session(wire, slowWrite);
        ConnectionRegistry registry = new ConnectionRegistry();
        RpcConnection connection = connection(registry, session);
        connection.send("closed{shutdown}");
        connection.send("turn/completed{interrupted}");
        connection.send("thread/status/changed{idle}");

        // the first write is still stuck in the socket when the shutdown reaches this connection
        CompletableFuture<Void> closed = connection.drainAndClose(ConnectionRegistry.SHUTDOWN);
        assertThat(closed).isNotDone();
        slowWrite.countDown();
        closed.get(10, TimeUnit.SECONDS);

        assertThat(wire).containsExactly("closed{shutdown}", "turn/completed{interrupted}",
                "thread/status/changed{idle}", "close 1001 server shutting down");
        assertThat(registry.size()).isZero();
    }

    @Test
    void aClientThatNeverDrainsIsClosedAtTheDeadline() throws Exception {
        List<String> wire = new CopyOnWriteArrayList<>();
        CountDownLatch never = new CountDownLatch(1);
        WebSocketSession session = session(wire, never);
        ConnectionRegistry registry = new ConnectionRegistry();
        RpcConnection connection = connection(registry, session);
        connection.send("stuck");
        connection.send("never written");

        registry.closeAll(Instant.now().plusMillis(200));

        assertThat(connection.isClosed()).isTrue();
        assertThat(registry.size()).isZero();
        never.countDown();
    }

    private static RpcConnection connection(ConnectionRegistry registry, WebSocketSession session) {
        RpcConnection connection = new RpcConnection("c1", session, 16, new ConversationQuota(1), registry::remove);
        registry.add(connection);
        connection.start();
        return connection;
    }

    /** A session recording writes and closes in order; the first write waits for {@code firstWrite}. */
    private static WebSocketSession session(List<String> wire, CountDownLatch firstWrite) throws Exception {
        WebSocketSession session = mock(WebSocketSession.class);
        doAnswer(call -> {
            if (wire.isEmpty()) {
                firstWrite.await(10, TimeUnit.SECONDS);
            }
            wire.add(((TextMessage) call.getArgument(0)).getPayload());
            return null;
        }).when(session).sendMessage(any());
        doAnswer(call -> {
            CloseStatus status = call.getArgument(0);
            wire.add("close " + status.getCode() + " " + status.getReason());
            return null;
        }).when(session).close(any(CloseStatus.class));
        return session;
    }
}
