package dev.parley.store;

import dev.parley.error.ApiException;
import dev.parley.protocol.v2.ThreadItem;
import dev.parley.protocol.v2.ThreadStatus;
import dev.parley.protocol.v2.Turn;
import dev.parley.protocol.v2.TurnError;
import dev.parley.protocol.v2.TurnItemsView;
import dev.parley.protocol.v2.TurnStatus;
import dev.parley.thread.ThreadRecord;
import dev.parley.thread.ThreadStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Threads, turns and items in SQLite or PostgreSQL (tables {@code parley_threads}, {@code parley_turns},
 * {@code parley_turn_items}; see {@code db/migration}). Reads go straight to the database after waiting for the
 * thread's queued writes ({@link StoreWriter#awaitKey}), so a read sees everything written before it; writes
 * go through the {@link StoreWriter}, {@code NOW} ones synchronously.
 */
public final class JdbcThreadStore implements ThreadStore {

    private static final String THREAD_COLUMNS = "t.id, t.created_at, t.updated_at, t.preview, t.ephemeral, "
            + "t.model_provider, t.model, t.base_instructions, t.cwd, t.name, "
            + "EXISTS (SELECT 1 FROM parley_turns r WHERE r.thread_id = t.id AND r.status = 'inProgress') AS active";

    private final JdbcClient jdbc;
    private final StoreWriter writer;
    private final StoreCodec codec;
    private final String owner;

    /** @param owner this process's instance id ({@link StoreInstance#id()}), written on every turn it appends */
    public JdbcThreadStore(JdbcClient jdbc, StoreWriter writer, StoreCodec codec, String owner) {
        this.jdbc = jdbc;
        this.writer = writer;
        this.codec = codec;
        this.owner = owner;
    }

    @Override
    public CompletionStage<Void> insertThread(ThreadRecord thread, Durability durability) {
        return write(thread.id(), durability, db -> db.sql("""
                INSERT INTO parley_threads (id, created_at, updated_at, preview, ephemeral, model_provider, model,
                    base_instructions, cwd, name, next_position)
                VALUES (:id, :createdAt, :updatedAt, :preview, :ephemeral, :modelProvider, :model,
                    :baseInstructions, :cwd, :name, 0)""")
                .param("id", thread.id())
                .param("createdAt", thread.createdAt())
                .param("updatedAt", thread.updatedAt())
                .param("preview", thread.preview())
                .param("ephemeral", thread.ephemeral())
                .param("modelProvider", thread.modelProvider())
                .param("model", thread.model())
                .param("baseInstructions", thread.baseInstructions(), java.sql.Types.VARCHAR)
                .param("cwd", thread.cwd())
                .param("name", thread.name(), java.sql.Types.VARCHAR)
                .update());
    }

    @Override
    public CompletionStage<Void> appendTurn(String threadId, Turn turn, @Nullable String preview, long updatedAt,
            Durability durability) {
        return write(threadId, durability, db -> {
            String setPreview = preview == null ? "" : ", preview = CASE WHEN preview = '' THEN :preview ELSE preview END";
            var statement = db.sql("UPDATE parley_threads SET next_position = next_position + :count, "
                    + "updated_at = :updatedAt" + setPreview + " WHERE id = :id RETURNING next_position")
                    .param("count", 1 + turn.items().size())
                    .param("updatedAt", updatedAt)
                    .param("id", threadId);
            if (preview != null) {
                statement = statement.param("preview", preview);
            }
            long position = statement.query(Long.class).optional()
                    .orElseThrow(() -> ApiException.threadNotFound(threadId)) - 1 - turn.items().size();
            db.sql("""
                    INSERT INTO parley_turns (id, thread_id, position, status, error_message, error_info, error_details,
                        started_at, completed_at, duration_ms, owner)
                    VALUES (:id, :threadId, :position, :status, :errorMessage, :errorInfo, :errorDetails,
                        :startedAt, :completedAt, :durationMs, :owner)""")
                    .param("id", turn.id())
                    .param("threadId", threadId)
                    .param("position", position)
                    .param("status", StoreCodec.wireName(turn.status()))
                    .param("errorMessage", turn.error() == null ? null : turn.error().message(), java.sql.Types.VARCHAR)
                    .param("errorInfo", StoreCodec.errorInfo(turn.error()), java.sql.Types.VARCHAR)
                    .param("errorDetails", turn.error() == null ? null : turn.error().additionalDetails(),
                            java.sql.Types.VARCHAR)
                    .param("startedAt", turn.startedAt(), java.sql.Types.BIGINT)
                    .param("completedAt", turn.completedAt(), java.sql.Types.BIGINT)
                    .param("durationMs", turn.durationMs(), java.sql.Types.BIGINT)
                    .param("owner", owner)
                    .update();
            for (ThreadItem item : turn.items()) {
                insertItem(db, threadId, turn.id(), ++position, item);
            }
        });
    }

    @Override
    public CompletionStage<Void> appendItem(String threadId, String turnId, ThreadItem item, Durability durability) {
        return write(threadId, durability, db -> {
            insertItem(db, threadId, turnId, allocatePositions(db, threadId, 1), item);
        });
    }

    @Override
    public CompletionStage<Void> completeAgentMessage(String threadId, String turnId, ThreadItem.AgentMessage item,
            Durability durability) {
        return write(threadId, durability, db -> requireOne(db.sql(
                "UPDATE parley_turn_items SET text = :text WHERE id = :id AND turn_id = :turnId AND thread_id = :threadId")
                .param("text", item.text())
                .param("id", item.id())
                .param("turnId", turnId)
                .param("threadId", threadId)
                .update(), "agent message " + item.id()));
    }

    @Override
    public CompletionStage<Void> endTurn(String threadId, String turnId, TurnStatus status, @Nullable TurnError error,
            long completedAt, long durationMs, long updatedAt, Durability durability) {
        return write(threadId, durability, db -> {
            requireOne(db.sql("""
                    UPDATE parley_turns SET status = :status, error_message = :errorMessage, error_info = :errorInfo,
                        error_details = :errorDetails, completed_at = :completedAt, duration_ms = :durationMs
                    WHERE id = :id AND thread_id = :threadId""")
                    .param("status", StoreCodec.wireName(status))
                    .param("errorMessage", error == null ? null : error.message(), java.sql.Types.VARCHAR)
                    .param("errorInfo", StoreCodec.errorInfo(error), java.sql.Types.VARCHAR)
                    .param("errorDetails", error == null ? null : error.additionalDetails(), java.sql.Types.VARCHAR)
                    .param("completedAt", completedAt)
                    .param("durationMs", durationMs)
                    .param("id", turnId)
                    .param("threadId", threadId)
                    .update(), "turn " + turnId);
            db.sql("UPDATE parley_threads SET updated_at = :updatedAt WHERE id = :id")
                    .param("updatedAt", updatedAt).param("id", threadId).update();
        });
    }

    /**
     * Takes {@code count} positions of a thread, inside the caller's write (a {@link StoreWriter.Write}): every
     * row added to a thread (turns, items, the realtime timeline's entries) takes its position here, so
     * positions are unique per thread and grow in commit order, also with several processes on one database
     * (the thread's row lock orders them). Gaps are allowed.
     *
     * @return the first of the {@code count} positions
     * @throws ApiException thread not found
     */
    public static long allocatePositions(JdbcClient db, String threadId, int count) {
        return db.sql("UPDATE parley_threads SET next_position = next_position + :count WHERE id = :id "
                + "RETURNING next_position").param("count", count).param("id", threadId).query(Long.class).optional()
                .orElseThrow(() -> ApiException.threadNotFound(threadId)) - count;
    }

    @Override
    public void awaitDurable(CompletionStage<Void> write) {
        writer.await(write);
    }

    @Override
    public Optional<ThreadRecord> find(String id) {
        return findSummary(id).map(summary -> read(() -> summary.with(turns(id), summary.preview(),
                summary.updatedAt())));
    }

    @Override
    public Optional<ThreadRecord> findSummary(String id) {
        writer.awaitKey(id);
        return read(() -> jdbc.sql("SELECT " + THREAD_COLUMNS + " FROM parley_threads t WHERE t.id = :id")
                .param("id", id).query(this::thread).optional());
    }

    @Override
    public List<ThreadRecord> page(@Nullable String afterId, int limit) {
        writer.awaitAll();
        return read(() -> {
            if (afterId == null) {
                return jdbc.sql("SELECT " + THREAD_COLUMNS
                        + " FROM parley_threads t ORDER BY t.created_at DESC, t.id DESC LIMIT :limit")
                        .param("limit", limit + 1).query(this::thread).list();
            }
            Optional<Long> after = jdbc.sql("SELECT created_at FROM parley_threads WHERE id = :id")
                    .param("id", afterId).query(Long.class).optional();
            if (after.isEmpty()) {
                return List.of();
            }
            return jdbc.sql("SELECT " + THREAD_COLUMNS + " FROM parley_threads t"
                    + " WHERE t.created_at < :createdAt OR (t.created_at = :createdAt AND t.id < :id)"
                    + " ORDER BY t.created_at DESC, t.id DESC LIMIT :limit")
                    .param("createdAt", after.get()).param("id", afterId).param("limit", limit + 1)
                    .query(this::thread).list();
        });
    }

    /**
     * At start-up on a store only this process can hold (SQLite, its lock file), before anything else is
     * served: a turn that was running when the process ended is recorded as interrupted, so no thread is
     * {@code active} after a restart. A shared database uses {@link StoreInstance#recoverAtStartup} instead.
     *
     * @return how many turns were interrupted
     */
    public int interruptRunningTurns(TurnError error, long completedAt) {
        int[] count = new int[1];
        writer.execute(null, db -> count[0] = interruptTurns(db, error, completedAt, "", Map.of()));
        return count[0];
    }

    /**
     * Records as interrupted with {@code error} every running turn that {@code andWhere} (SQL starting with
     * {@code AND}, or empty) also selects, with its {@code params}; conditional on the turn still running, so of
     * several processes doing it at once each turn is recorded once. Returns how many turns it recorded.
     */
    static int interruptTurns(JdbcClient db, TurnError error, long completedAt, String andWhere,
            Map<String, ?> params) {
        return db.sql("""
                UPDATE parley_turns SET status = 'interrupted', error_message = :message, error_info = :info,
                    error_details = NULL, completed_at = :completedAt
                WHERE status = 'inProgress' """ + andWhere)
                .param("message", error.message())
                .param("info", StoreCodec.errorInfo(error), java.sql.Types.VARCHAR)
                .param("completedAt", completedAt)
                .params(params)
                .update();
    }

    private List<Turn> turns(String threadId) {
        Map<String, List<ThreadItem>> items = new LinkedHashMap<>();
        jdbc.sql("SELECT id, turn_id, type, client_id, content, text FROM parley_turn_items WHERE thread_id = :id "
                + "ORDER BY position").param("id", threadId).query((ResultSet row) -> {
                    items.computeIfAbsent(row.getString("turn_id"), key -> new ArrayList<>()).add(item(row));
                });
        return jdbc.sql("SELECT id, status, error_message, error_info, error_details, started_at, completed_at, "
                + "duration_ms FROM parley_turns WHERE thread_id = :id ORDER BY position")
                .param("id", threadId)
                .query((row, index) -> new Turn(row.getString("id"),
                        items.getOrDefault(row.getString("id"), List.of()), TurnItemsView.FULL,
                        StoreCodec.turnStatus(row.getString("status")), error(row), nullableLong(row, "started_at"),
                        nullableLong(row, "completed_at"), nullableLong(row, "duration_ms")))
                .list();
    }

    private ThreadItem item(ResultSet row) throws SQLException {
        String id = row.getString("id");
        return switch (row.getString("type")) {
            case "userMessage" -> new ThreadItem.UserMessage(id, row.getString("client_id"),
                    codec.readContent(row.getString("content")));
            case "agentMessage" -> new ThreadItem.AgentMessage(id, row.getString("text"));
            default -> throw new IllegalStateException("unknown item type " + row.getString("type") + " of item " + id);
        };
    }

    private void insertItem(JdbcClient db, String threadId, String turnId, long position, ThreadItem item) {
        var statement = db.sql("""
                INSERT INTO parley_turn_items (id, thread_id, turn_id, position, type, client_id, content, text)
                VALUES (:id, :threadId, :turnId, :position, :type, :clientId, :content, :text)""")
                .param("id", item.id())
                .param("threadId", threadId)
                .param("turnId", turnId)
                .param("position", position);
        statement = switch (item) {
            case ThreadItem.UserMessage user -> statement.param("type", "userMessage")
                    .param("clientId", user.clientId(), java.sql.Types.VARCHAR)
                    .param("content", codec.writeContent(user.content()))
                    .param("text", null, java.sql.Types.VARCHAR);
            case ThreadItem.AgentMessage agent -> statement.param("type", "agentMessage")
                    .param("clientId", null, java.sql.Types.VARCHAR)
                    .param("content", null, java.sql.Types.VARCHAR)
                    .param("text", agent.text());
        };
        statement.update();
    }

    private ThreadRecord thread(ResultSet row, int index) throws SQLException {
        return new ThreadRecord(row.getString("id"), row.getLong("created_at"), row.getLong("updated_at"),
                row.getString("preview"), row.getBoolean("ephemeral"), row.getString("model_provider"),
                row.getString("model"), row.getString("base_instructions"), row.getString("cwd"), row.getString("name"),
                row.getBoolean("active") ? ThreadStatus.ACTIVE : ThreadStatus.IDLE, List.of());
    }

    private static @Nullable TurnError error(ResultSet row) throws SQLException {
        String message = row.getString("error_message");
        if (message == null) {
            return null;
        }
        String info = row.getString("error_info");
        return new TurnError(message, info == null ? null : StoreCodec.codexErrorInfo(info),
                row.getString("error_details"));
    }

    private static @Nullable Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    private static void requireOne(int updated, String what) {
        if (updated != 1) {
            throw new IllegalStateException("no " + what + " in the store");
        }
    }

    private CompletionStage<Void> write(String threadId, Durability durability, StoreWriter.Write write) {
        if (durability == Durability.NOW) {
            writer.execute(threadId, write);
            return CompletableFuture.completedFuture(null);
        }
        return writer.submit(threadId, write);
    }

    /** Reads answer {@code store unavailable} when the database cannot be reached. */
    private static <T> T read(Supplier<T> query) {
        try {
            return query.get();
        } catch (DataAccessException e) {
            throw ApiException.storeUnavailable(StoreFailures.reason(e));
        }
    }
}
