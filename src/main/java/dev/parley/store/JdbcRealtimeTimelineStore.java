package dev.parley.store;

import dev.parley.protocol.v2.ThreadRealtimeEntry;
import dev.parley.protocol.v2.ThreadRealtimeItem;
import dev.parley.protocol.v2.ThreadRealtimeOrder;
import dev.parley.realtime.timeline.RealtimeTimelineStore;
import dev.parley.realtime.timeline.TimelineQuery;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The realtime timeline in the database store ({@code 09} §5). Every write goes through the store's one
 * {@link StoreWriter} as a write-behind write (the conversation never waits for the database per event); an
 * append takes its position from the thread's counter inside its own transaction, so positions follow commit
 * order and a reader that sees position {@code p} committed sees every position below it. Reads go straight to
 * the database and see committed items only, which is what {@code snapshotEnd} promises.
 *
 * <p>Several processes may share the database: a running conversation is recorded with this process's instance
 * as owner ({@code parley_realtime_running}), and only the conversations of an instance whose lease expired are
 * {@linkplain #interruptedConversations interrupted}.
 */
public final class JdbcRealtimeTimelineStore implements RealtimeTimelineStore {

    private final JdbcClient jdbc;
    private final StoreWriter writer;
    private final JsonMapper json;
    private final String instanceId;
    private final Clock clock;

    /**
     * @param instanceId this process's {@link StoreInstance#id()}, the owner of the conversations it runs
     * @param clock the clock leases are compared with (that of the {@link StoreInstance})
     */
    public JdbcRealtimeTimelineStore(JdbcClient jdbc, StoreWriter writer, JsonMapper json, String instanceId,
            Clock clock) {
        this.jdbc = jdbc;
        this.writer = writer;
        this.json = json;
        this.instanceId = instanceId;
        this.clock = clock;
    }

    @Override
    public void segmentOpened(String threadId, ThreadRealtimeItem.Frame opened) {
        String item = json.writeValueAsString(opened);
        writer.submit(threadId, db -> db.sql("INSERT INTO parley_realtime_open_segments (thread_id, id, item) "
                + "VALUES (:thread, :id, :item)").param("thread", threadId).param("id", opened.id())
                .param("item", item).update());
    }

    @Override
    public CompletableFuture<Long> append(String threadId, ThreadRealtimeItem item) {
        JsonNode tree = json.valueToTree(item);
        String body = json.writeValueAsString(tree);
        String type = tree.get("type").asString();
        AtomicLong position = new AtomicLong(-1);
        return writer.submit(threadId, db -> {
            long taken = JdbcThreadStore.allocatePositions(db, threadId, 1);
            position.set(taken);
            db.sql("INSERT INTO parley_realtime_items (thread_id, position, id, realtime_session_id, observed_at_ms, "
                            + "type, item) VALUES (:thread, :position, :id, :session, :observed, :type, :item)")
                    .param("thread", threadId).param("position", taken).param("id", item.id())
                    .param("session", item.realtimeSessionId()).param("observed", item.observedAtMs())
                    .param("type", type).param("item", body).update();
            if (item instanceof ThreadRealtimeItem.Frame) {
                db.sql("DELETE FROM parley_realtime_open_segments WHERE thread_id = :thread AND id = :id")
                        .param("thread", threadId).param("id", item.id()).update();
            } else if (item instanceof ThreadRealtimeItem.RealtimeSessionStarted) {
                // one conversation per thread: a row left by a conversation nobody closed is replaced
                db.sql("DELETE FROM parley_realtime_running WHERE thread_id = :thread").param("thread", threadId)
                        .update();
                db.sql("INSERT INTO parley_realtime_running (thread_id, realtime_session_id, owner) "
                                + "VALUES (:thread, :session, :owner)")
                        .param("thread", threadId).param("session", item.realtimeSessionId())
                        .param("owner", instanceId).update();
            } else if (item instanceof ThreadRealtimeItem.RealtimeSessionClosed) {
                db.sql("DELETE FROM parley_realtime_running WHERE thread_id = :thread "
                                + "AND realtime_session_id = :session")
                        .param("thread", threadId).param("session", item.realtimeSessionId()).update();
            }
        }).thenApply(committed -> position.get());
    }

    @Override
    public boolean writable() {
        return writer.health().up();
    }

    @Override
    public long nextPosition(String threadId) {
        return jdbc.sql("SELECT next_position FROM parley_threads WHERE id = :thread").param("thread", threadId)
                .query(Long.class).optional().orElse(0L);
    }

    @Override
    public Optional<ThreadRealtimeEntry> find(String threadId, String itemId) {
        return jdbc.sql("SELECT position, item FROM parley_realtime_items WHERE thread_id = :thread AND id = :id "
                        + "ORDER BY position LIMIT 1").param("thread", threadId).param("id", itemId)
                .query((rs, row) -> entry(rs.getLong(1), rs.getString(2))).optional();
    }

    @Override
    public List<ThreadRealtimeEntry> page(String threadId, TimelineQuery query) {
        StringBuilder sql = new StringBuilder("SELECT position, item FROM parley_realtime_items "
                + "WHERE thread_id = :thread AND position < :snapshotEnd");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("thread", threadId);
        params.put("snapshotEnd", query.snapshotEnd());
        if (query.sessionId() != null) {
            sql.append(" AND realtime_session_id = :session");
            params.put("session", query.sessionId());
        }
        if (query.fromObservedAtMs() != null) {
            sql.append(" AND observed_at_ms >= :from");
            params.put("from", query.fromObservedAtMs());
        }
        if (query.toObservedAtMs() != null) {
            sql.append(" AND observed_at_ms < :to");
            params.put("to", query.toObservedAtMs());
        }
        if (query.afterPosition() != null) {
            sql.append(" AND position > :afterPosition");
            params.put("afterPosition", query.afterPosition());
        }
        if (query.eventId() != null) {
            sql.append(" AND id = :eventId");
            params.put("eventId", query.eventId());
        }
        boolean byPosition = query.order() == ThreadRealtimeOrder.POSITION;
        TimelineQuery.Key after = query.after();
        if (after != null) {
            params.put("afterKeyPosition", after.position());
            if (byPosition) {
                sql.append(" AND position > :afterKeyPosition");
            } else {
                sql.append(" AND (observed_at_ms > :afterKeyObserved"
                        + " OR (observed_at_ms = :afterKeyObserved AND position > :afterKeyPosition))");
                params.put("afterKeyObserved", after.observedAtMs());
            }
        }
        sql.append(byPosition ? " ORDER BY position" : " ORDER BY observed_at_ms, position");
        sql.append(" LIMIT :limit");
        params.put("limit", query.limit());
        return jdbc.sql(sql.toString()).params(params).query((rs, row) -> entry(rs.getLong(1), rs.getString(2)))
                .list();
    }

    @Override
    public List<InterruptedConversation> interruptedConversations() {
        writer.awaitAll();
        record Running(String threadId, String sessionId, @Nullable String owner) {
        }
        List<Running> abandoned = jdbc.sql("SELECT r.thread_id, r.realtime_session_id, r.owner "
                        + "FROM parley_realtime_running r WHERE r.owner IS NULL OR (r.owner <> :self AND NOT EXISTS "
                        + "(SELECT 1 FROM parley_instances i WHERE i.id = r.owner AND i.lease_until >= :now))")
                .param("self", instanceId).param("now", clock.millis())
                .query((rs, row) -> new Running(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        List<InterruptedConversation> interrupted = new ArrayList<>();
        for (Running running : abandoned) {
            // claimed by a conditional update: of several processes recovering at once, one closes it
            int claimed = jdbc.sql("UPDATE parley_realtime_running SET owner = :self WHERE thread_id = :thread "
                            + "AND realtime_session_id = :session AND "
                            + (running.owner() == null ? "owner IS NULL" : "owner = :owner"))
                    .param("self", instanceId).param("thread", running.threadId())
                    .param("session", running.sessionId()).param("owner", running.owner(), Types.VARCHAR).update();
            if (claimed == 1) {
                interrupted.add(new InterruptedConversation(running.threadId(), running.sessionId(),
                        openSegments(running.threadId())));
            }
        }
        return interrupted;
    }

    private List<ThreadRealtimeItem.Frame> openSegments(String threadId) {
        return jdbc.sql("SELECT item FROM parley_realtime_open_segments WHERE thread_id = :thread")
                .param("thread", threadId).query(String.class).list().stream()
                .map(body -> (ThreadRealtimeItem.Frame) json.readValue(body, ThreadRealtimeItem.class))
                .sorted(Comparator.comparingLong(ThreadRealtimeItem.Frame::observedAtMs))
                .toList();
    }

    private ThreadRealtimeEntry entry(long position, String item) {
        return new ThreadRealtimeEntry(position, json.readValue(item, ThreadRealtimeItem.class));
    }
}
