package dev.parley.thread;

import dev.parley.protocol.v2.SessionSource;
import dev.parley.protocol.v2.Thread;
import dev.parley.protocol.v2.ThreadStatus;
import dev.parley.protocol.v2.Turn;
import dev.parley.protocol.v2.TurnStatus;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What Parley keeps of a thread, as read from its store: immutable.
 *
 * @param model the agent model of this thread's turns
 * @param baseInstructions agent instructions, if the client set any
 * @param status {@code active} while its newest turn is in progress
 * @param turns every turn with its full items, oldest first; empty in a summary
 *     ({@link ThreadStore#findSummary}, {@link ThreadStore#page})
 */
public record ThreadRecord(
        String id,
        long createdAt,
        long updatedAt,
        String preview,
        boolean ephemeral,
        String modelProvider,
        String model,
        @Nullable String baseInstructions,
        String cwd,
        @Nullable String name,
        ThreadStatus status,
        List<Turn> turns) {

    public ThreadRecord {
        turns = List.copyOf(turns);
    }

    /** A thread with all its turns; the status follows from them. */
    public ThreadRecord(String id, long createdAt, long updatedAt, String preview, boolean ephemeral,
            String modelProvider, String model, @Nullable String baseInstructions, String cwd, @Nullable String name,
            List<Turn> turns) {
        this(id, createdAt, updatedAt, preview, ephemeral, modelProvider, model, baseInstructions, cwd, name,
                statusOf(turns), turns);
    }

    /** This thread with other turns, preview and {@code updatedAt}; everything else unchanged. */
    public ThreadRecord with(List<Turn> newTurns, String newPreview, long newUpdatedAt) {
        return new ThreadRecord(id, createdAt, newUpdatedAt, newPreview, ephemeral, modelProvider, model,
                baseInstructions, cwd, name, newTurns);
    }

    /** This thread without its turns, as a summary. */
    public ThreadRecord summary() {
        return new ThreadRecord(id, createdAt, updatedAt, preview, ephemeral, modelProvider, model, baseInstructions,
                cwd, name, status, List.of());
    }

    /** Active while a turn is in progress. A realtime conversation does not change the status. */
    public static ThreadStatus statusOf(List<Turn> turns) {
        boolean running = !turns.isEmpty() && turns.getLast().status() == TurnStatus.IN_PROGRESS;
        return running ? ThreadStatus.ACTIVE : ThreadStatus.IDLE;
    }

    /** The wire form; turns are included only when asked for (and only a full record has them). */
    public Thread toProtocol(String cliVersion, boolean includeTurns) {
        return new Thread(id, id, preview, ephemeral, modelProvider, createdAt, updatedAt, status, cwd, cliVersion,
                SessionSource.APP_SERVER, name, includeTurns ? turns : List.of());
    }
}
