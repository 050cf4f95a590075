package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.v2.CodexErrorInfo;
import dev.parley.protocol.v2.ThreadItem;
import dev.parley.protocol.v2.ThreadStatus;
import dev.parley.protocol.v2.Turn;
import dev.parley.protocol.v2.TurnError;
import dev.parley.protocol.v2.TurnItemsView;
import dev.parley.protocol.v2.TurnStatus;
import dev.parley.protocol.v2.UserInput;
import dev.parley.thread.ThreadRecord;
import dev.parley.thread.ThreadStore.Durability;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An older store is upgraded in place: {@value #FIXTURE} is a store written by schema version 1.1 (the first
 * release; made by {@link #main}), opened by this build, which applies every newer migration and reads all
 * of it back. When a migration is added, this test proves it upgrades real data; never regenerate the fixture.
 */
class StoreUpgradeTest {

    static final String FIXTURE = "/store/parley-schema-1.1.db";

    static final ThreadRecord THREAD = new ThreadRecord("019a0000-0000-7000-8000-000000000001", 1_760_000_000,
            1_760_000_009, "what is the weather", false, "openai", "gpt-5.1", "be brief", "/home/u", "first thread",
            ThreadStatus.IDLE, List.of());
    static final Turn COMPLETED = new Turn("019a0000-0000-7000-8000-000000000010",
            List.of(new ThreadItem.UserMessage("019a0000-0000-7000-8000-000000000011", "client-1",
                            List.of(new UserInput.Text("what is the weather"))),
                    new ThreadItem.AgentMessage("019a0000-0000-7000-8000-000000000012", "Sunny.")),
            TurnItemsView.FULL, TurnStatus.COMPLETED, null, 1_760_000_001L, 1_760_000_003L, 1_900L);
    static final Turn FAILED = new Turn("019a0000-0000-7000-8000-000000000020",
            List.of(new ThreadItem.UserMessage("019a0000-0000-7000-8000-000000000021", null,
                    List.of(new UserInput.Text("<realtime_delegation>…</realtime_delegation>")))),
            TurnItemsView.FULL, TurnStatus.FAILED,
            new TurnError("upstream failed", CodexErrorInfo.SERVER_OVERLOADED, "try later"), 1_760_000_005L,
            1_760_000_009L, 4_000L);

    @TempDir
    Path dir;

    @Test
    void theFirstSchemaIsUpgradedInPlaceAndReadsBack() throws Exception {
        Path file = dir.resolve("parley.db");
        try (InputStream fixture = StoreUpgradeTest.class.getResourceAsStream(FIXTURE)) {
            Files.copy(fixture, file);
        }
        try (OpenStore store = OpenStore.sqlite(file)) {
            MigrationVersion newest = JdbcClient.create(store.pool())
                    .sql("SELECT version FROM parley_schema_history WHERE success AND version IS NOT NULL")
                    .query((row, i) -> MigrationVersion.fromVersion(row.getString(1))).list().stream()
                    .max(MigrationVersion::compareTo).orElseThrow();
            assertThat(newest).isEqualTo(new StoreSchema(StoreSchema.Vendor.SQLITE).latestKnown());

            ThreadRecord read = store.threads().find(THREAD.id()).orElseThrow();
            assertThat(read.summary()).isEqualTo(THREAD);
            assertThat(read.turns()).containsExactly(COMPLETED, FAILED);
            // and it takes new writes
            store.threads().appendItem(THREAD.id(), FAILED.id(), new ThreadItem.AgentMessage("new-item", "ok"),
                    Durability.NOW);
        }
    }

    /**
     * V4 records running conversations per instance; a store of V3 that a process left with open conversations
     * gets them backfilled without an owner, so the next start closes them (09 §5). Per thread, only a last
     * session item that is a start counts.
     */
    @Test
    void theRunningConversationsOfAV3StoreAreBackfilledWithoutAnOwner() throws Exception {
        Path file = dir.resolve("v3.db");
        try (SqliteStoreFile held = SqliteStoreFile.open(file, new StoreSchema(StoreSchema.Vendor.SQLITE))) {
            DataSource ds = held.dataSource();
            Flyway.configure(StoreSchema.class.getClassLoader()).dataSource(ds)
                    .locations(StoreSchema.Vendor.SQLITE.locations().toArray(String[]::new))
                    .table(StoreSchema.HISTORY_TABLE).target("3").load().migrate();
            JdbcClient db = JdbcClient.create(ds);
            String[][] threads = {{"open", "realtimeSessionStarted"},
                    {"ended", "realtimeSessionStarted", "realtimeSessionClosed"},
                    {"reopened", "realtimeSessionStarted", "realtimeSessionClosed", "realtimeSessionStarted"}};
            for (String[] thread : threads) {
                db.sql("INSERT INTO parley_threads (id, created_at, updated_at, preview, ephemeral, model_provider, "
                        + "model, cwd) VALUES (:id, 1, 1, '', FALSE, 'openai', 'm', '/')").param("id", thread[0])
                        .update();
                for (int position = 1; position < thread.length; position++) {
                    db.sql("INSERT INTO parley_realtime_items (thread_id, position, id, realtime_session_id, "
                                    + "observed_at_ms, type, item) VALUES (:thread, :position, :id, :session, 1, :type, '{}')")
                            .param("thread", thread[0]).param("position", position)
                            .param("id", thread[0] + position).param("session", thread[0] + "-s" + (position + 1) / 2)
                            .param("type", thread[position]).update();
                }
            }

            new StoreSchema(StoreSchema.Vendor.SQLITE).migrate(ds);

            assertThat(db.sql("SELECT thread_id || ':' || realtime_session_id || ':' || COALESCE(owner, 'none') "
                    + "FROM parley_realtime_running ORDER BY thread_id").query(String.class).list())
                    .containsExactly("open:open-s1:none", "reopened:reopened-s2:none");
        }
    }

    /** Writes the fixture with the migrations of this build. Run only when the fixture is first made. */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        try (OpenStore store = OpenStore.sqlite(file)) {
            var threads = store.threads();
            threads.insertThread(new ThreadRecord(THREAD.id(), THREAD.createdAt(), THREAD.createdAt(), "", false,
                    THREAD.modelProvider(), THREAD.model(), THREAD.baseInstructions(), THREAD.cwd(), THREAD.name(),
                    List.of()), Durability.NOW);
            threads.appendTurn(THREAD.id(), new Turn(COMPLETED.id(), List.of(COMPLETED.items().getFirst()),
                    TurnItemsView.FULL, TurnStatus.IN_PROGRESS, null, COMPLETED.startedAt(), null, null),
                    THREAD.preview(), COMPLETED.startedAt(), Durability.NOW);
            threads.appendItem(THREAD.id(), COMPLETED.id(), new ThreadItem.AgentMessage(COMPLETED.items().get(1).id(),
                    ""), Durability.NOW);
            threads.completeAgentMessage(THREAD.id(), COMPLETED.id(),
                    (ThreadItem.AgentMessage) COMPLETED.items().get(1), Durability.NOW);
            threads.endTurn(THREAD.id(), COMPLETED.id(), TurnStatus.COMPLETED, null, COMPLETED.completedAt(),
                    COMPLETED.durationMs(), COMPLETED.completedAt(), Durability.NOW);
            threads.appendTurn(THREAD.id(), new Turn(FAILED.id(), FAILED.items(), TurnItemsView.FULL,
                    TurnStatus.IN_PROGRESS, null, FAILED.startedAt(), null, null), null, FAILED.startedAt(),
                    Durability.NOW);
            threads.endTurn(THREAD.id(), FAILED.id(), TurnStatus.FAILED, FAILED.error(), FAILED.completedAt(),
                    FAILED.durationMs(), FAILED.completedAt(), Durability.NOW);
        }
    }
}
