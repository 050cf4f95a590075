package dev.parley.turn;

import dev.parley.protocol.v2.TurnError;
import dev.parley.realtime.conversation.HandoffTag;
import dev.parley.turn.agent.CancellationSignal;
import dev.parley.turn.agent.ContextMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The live state of the running turn of a thread. The mutable fields are guarded by the thread's
 * {@link TurnSlot} lock; the cancellation signal is thread-safe on its own.
 */
final class ActiveTurn {

    final String threadId;
    final String id;
    final long startedAtMs;
    final CancellationSignal cancellation = new CancellationSignal();

    /** Handoffs this turn works for ({@code 04} §9.1). */
    final Set<HandoffTag> tags = new LinkedHashSet<>();
    /** Steer input the model has not seen yet; taken at the next model request. */
    final List<ContextMessage> pendingSteers = new ArrayList<>();
    /**
     * Deferred {@code turn/interrupt} answers, sent once the turn has aborted and its end is durable; they
     * receive the store failure when it could not be written.
     */
    final List<Consumer<@Nullable RuntimeException>> abortedCallbacks = new ArrayList<>();
    /** Set by the first accepted interrupt; from then on the turn takes no more input. */
    boolean interrupting;
    /** Why the server interrupted the turn (shutdown); {@code null} for a client interrupt. */
    @Nullable TurnError interruptError;

    ActiveTurn(String threadId, String id, long startedAtMs) {
        this.threadId = threadId;
        this.id = id;
        this.startedAtMs = startedAtMs;
    }

    Set<HandoffTag> tagsSnapshot() {
        return Set.copyOf(tags);
    }
}
