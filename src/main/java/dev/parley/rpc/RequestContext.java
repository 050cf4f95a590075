package dev.parley.rpc;

import dev.parley.error.ApiException;
import dev.parley.error.ErrorKind;
import dev.parley.protocol.v2.ProtocolRegistry;
import dev.parley.protocol.v2.CodexErrorInfo;
import dev.parley.protocol.v2.ErrorNotification;
import dev.parley.protocol.v2.TurnError;
import dev.parley.thread.UuidV7;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The answer channel of one request (or notification-form call) on one connection. Exactly one answer is
 * sent for a request; a notification-form call gets no answer, and its failures become an {@code error}
 * notification to the sending connection only.
 */
public final class RequestContext {

    private static final Logger log = LoggerFactory.getLogger(RequestContext.class);

    private final RpcConnection connection;
    private final @Nullable JsonNode id;
    private final String method;
    private final @Nullable String threadId;
    private final RpcMessages messages;
    private final AtomicBoolean answered = new AtomicBoolean();
    private volatile boolean deferred;

    RequestContext(RpcConnection connection, @Nullable JsonNode id, String method, @Nullable String threadId,
            RpcMessages messages) {
        this.connection = connection;
        this.id = id;
        this.method = method;
        this.threadId = threadId;
        this.messages = messages;
    }

    /** The calling connection's id, for subscriptions. */
    public String connectionId() {
        return connection.id();
    }

    /** The realtime conversations of the calling connection. */
    ConversationQuota conversations() {
        return connection.conversations();
    }

    /** Whether this is a notification-form call (no id, never answered). */
    public boolean isNotification() {
        return id == null;
    }

    /** Answers the request with a result. Later answers are ignored. */
    public void respond(Record result) {
        if (answered.compareAndSet(false, true) && id != null) {
            connection.send(messages.response(id, result));
            connection.releaseRequest();
        }
    }

    /** Announces that the handler answers later, from another thread. */
    public void defer() {
        deferred = true;
    }

    boolean isSettled() {
        return answered.get() || deferred;
    }

    /** Answers with an error; {@link ApiException}s keep their message, anything else becomes an internal error. */
    public void fail(Throwable failure) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        if (failure instanceof ApiException api) {
            if (id != null) {
                Object data = api.codexErrorInfo() == null ? null : Map.of("codexErrorInfo", api.codexErrorInfo());
                connection.send(messages.error(id, RpcErrorCodes.codeOf(api.kind()), api.getMessage(), data));
            } else {
                notifySender(api.getMessage(), switch (api.kind()) {
                    case OVERLOADED -> CodexErrorInfo.SERVER_OVERLOADED;
                    case STORE_UNAVAILABLE -> CodexErrorInfo.INTERNAL_SERVER_ERROR;
                    default -> CodexErrorInfo.BAD_REQUEST;
                });
            }
        } else {
            String errorId = UUID.randomUUID().toString();
            log.error("internal error {} in {} on connection {}", errorId, method, connection.id(), failure);
            if (id != null) {
                connection.send(messages.error(id, RpcErrorCodes.INTERNAL_ERROR, "Internal error", Map.of("errorId", errorId)));
            } else {
                notifySender("Internal error", CodexErrorInfo.OTHER);
            }
        }
        if (id != null) {
            connection.releaseRequest();
        }
    }

    private void notifySender(String message, CodexErrorInfo info) {
        if (threadId == null) {
            log.warn("dropping failed {} notification without a readable threadId: {}", method, message);
            return;
        }
        if (!connection.allowNotificationError(threadId, message)) {
            return;
        }
        ErrorNotification error = new ErrorNotification(new TurnError(message, info, null), false, threadId, UuidV7.next());
        connection.send(messages.notification(ProtocolRegistry.ERROR, error, System.currentTimeMillis()));
    }
}
