package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.v2.ThreadItem;
import dev.parley.protocol.v2.Turn;
import dev.parley.protocol.v2.TurnItemsView;
import dev.parley.protocol.v2.TurnStatus;
import dev.parley.protocol.v2.UserInput;
import dev.parley.thread.ThreadRecord;
import dev.parley.thread.ThreadStore.Durability;
import dev.parley.thread.UuidV7;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The writer: submission order is commit order (and position order), a bad write never blocks the rest. */
class StoreWriterTest {

    @TempDir
    Path dir;

    @Test
    void queuedWritesFromManyThreadsKeepEachThreadsOrderAndAreAllDurableAfterClose() throws Exception {
        Path file = dir.resolve("parley.db");
        int writers = 8;
        int perWriter = 200;
        List<String> threadIds = new ArrayList<>();
        List<String> turnIds = new ArrayList<>();
        try (OpenStore store = OpenStore.sqlite(file)) {
            for (int i = 0; i < writers; i++) {
                ThreadRecord thread = new ThreadRecord(UuidV7.next(), 1, 1, "", false, "p", "m", null, "", null,
                        List.of());
                store.threads().insertThread(thread, Durability.NOW);
                Turn turn = new Turn(UuidV7.next(), List.of(new ThreadItem.UserMessage(UuidV7.next(), null,
                        List.of(new UserInput.Text("go")))), TurnItemsView.FULL, TurnStatus.IN_PROGRESS, null, 1L,
                        null, null);
                store.threads().appendTurn(thread.id(), turn, null, 1, Durability.NOW);
                threadIds.add(thread.id());
                turnIds.add(turn.id());
            }
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                threads.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        store.threads().appendItem(threadIds.get(writer), turnIds.get(writer),
                                new ThreadItem.AgentMessage(UuidV7.next(), "m" + i), Durability.QUEUED);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
        // closed: everything queued was flushed; read it back from a fresh process view
        try (OpenStore store = OpenStore.sqlite(file)) {
            for (int w = 0; w < writers; w++) {
                List<ThreadItem> items = store.threads().find(threadIds.get(w)).orElseThrow().turns().getFirst().items();
                assertThat(items).hasSize(1 + perWriter);
                for (int i = 0; i < perWriter; i++) {
                    assertThat(((ThreadItem.AgentMessage) items.get(1 + i)).text()).isEqualTo("m" + i);
                }
            }
            List<Long> positions = JdbcClient.create(store.pool())
                    .sql("SELECT position FROM parley_turn_items WHERE thread_id = :id ORDER BY position")
                    .param("id", threadIds.getFirst()).query(Long.class).list();
            assertThat(positions).doesNotHaveDuplicates().isSorted();
        }
    }

    @Test
    void aWriteThatCanNeverSucceedIsDroppedAloneAndTheQueueMovesOn() {
        try (OpenStore store = OpenStore.sqlite(dir.resolve("parley.db"))) {
            ThreadRecord thread = new ThreadRecord(UuidV7.next(), 1, 1, "", false, "p", "m", null, "", null, List.of());
            store.threads().insertThread(thread, Durability.NOW);
            CompletableFuture<Void> bad = store.writer().submit(thread.id(),
                    jdbc -> jdbc.sql("INSERT INTO no_such_table VALUES (1)").update());
            Turn turn = new Turn(UuidV7.next(), List.of(), TurnItemsView.FULL, TurnStatus.IN_PROGRESS, null, 1L, null,
                    null);
            CompletionStage<Void> good = store.threads().appendTurn(thread.id(), turn, null, 2, Durability.QUEUED);
            store.threads().awaitDurable(good);
            assertThat(bad).isCompletedExceptionally();
            assertThat(store.writer().health().up()).isTrue();
            assertThat(store.threads().find(thread.id()).orElseThrow().turns()).extracting(Turn::id)
                    .containsExactly(turn.id());
        }
    }
}
