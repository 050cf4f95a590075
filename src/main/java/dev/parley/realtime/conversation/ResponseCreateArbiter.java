package dev.parley.realtime.conversation;

import dev.parley.realtime.upstream.UpstreamException;
import dev.parley.realtime.upstream.UpstreamMessage;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards {@code response.create} against the "active response in progress" race ({@code 04} §7, seed 003).
 * One per V2 upstream connection, confined to the input loop. A request while a response is active is
 * deferred and fired once when that response finishes; requests made meanwhile coalesce into that one.
 * The state dies with the connection, so a pending request never fires on a closed one.
 */
final class ResponseCreateArbiter {

    /** How many finished response ids are remembered to ignore a second terminal event for the same response. */
    static final int REMEMBERED_FINISHED = 32;

    private static final Logger log = LoggerFactory.getLogger(ResponseCreateArbiter.class);

    private final UpstreamWriter writer;
    private final ConversationCounters counters;
    private final Deque<String> finished = new ArrayDeque<>();
    private boolean active;
    private boolean pending;

    ResponseCreateArbiter(UpstreamWriter writer, ConversationCounters counters) {
        this.writer = writer;
        this.counters = counters;
    }

    /** Asks for a response: sent now when none is active, else deferred until the active one finishes. */
    void request(String reason) throws UpstreamException, InterruptedException {
        if (active) {
            if (!pending) {
                pending = true;
                counters.responseCreateDeferred();
            }
            log.debug("response.create for {} deferred behind the active response", reason);
            return;
        }
        send();
    }

    /** A response started (ours or one the server's VAD started). */
    void onCreated() {
        active = true;
    }

    /** A response finished or was cancelled; fires the deferred request, if any. */
    void onFinished(@Nullable String responseId) throws UpstreamException, InterruptedException {
        if (responseId != null) {
            if (finished.contains(responseId)) {
                return;
            }
            finished.addLast(responseId);
            if (finished.size() > REMEMBERED_FINISHED) {
                finished.removeFirst();
            }
        }
        active = false;
        if (pending) {
            pending = false;
            send();
        }
    }

    /** The upstream rejected a create because a response is still running: retry once it finishes. */
    void onConflict() {
        active = true;
        pending = true;
        counters.responseCreateDeferred();
    }

    boolean isActive() {
        return active;
    }

    boolean isPending() {
        return pending;
    }

    private void send() throws UpstreamException, InterruptedException {
        writer.send(new UpstreamMessage.ResponseCreate());
        // Marked active before response.created arrives: closes the window in which a second create would race.
        active = true;
        counters.responseCreateSent();
    }
}
