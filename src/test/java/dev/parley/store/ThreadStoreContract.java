package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.error.ApiException;
import dev.parley.error.ErrorKind;
import dev.parley.protocol.v2.CodexErrorInfo;
import dev.parley.protocol.v2.ThreadItem;
import dev.parley.protocol.v2.ThreadStatus;
import dev.parley.protocol.v2.Turn;
import dev.parley.protocol.v2.TurnError;
import dev.parley.protocol.v2.TurnItemsView;
import dev.parley.protocol.v2.TurnStatus;
import dev.parley.protocol.v2.UserInput;
import dev.parley.thread.ThreadRecord;
import dev.parley.thread.ThreadStore;
import dev.parley.thread.ThreadStore.Durability;
import dev.parley.thread.UuidV7;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The behaviour every {@link ThreadStore} shares, run against each backend (memory, SQLite, PostgreSQL): what
 * is written reads back exactly, in order, queued or not; listing and cursors; and, for durable stores, the
 * same answers after the store is closed and reopened, with running turns interrupted.
 */
abstract class ThreadStoreContract {

    private ThreadStore store;

    /** A new, empty store. */
    protected abstract ThreadStore open();

    /** The same store after a restart: closed (flushed) and opened again; {@code null} when nothing survives. */
    protected abstract ThreadStore reopen();

    protected void close() {
    }

    @BeforeEach
    void openStore() {
        store = open();
    }

    @AfterEach
    void closeStore() {
        close();
    }

    private static long clock = 1_700_000_000;

    private static ThreadRecord newThread(String name) {
        long now = clock++;
        String id = UuidV7.at(now * 1000).toString();
        return new ThreadRecord(id, now, now, "", false, "openai", "gpt-test", name == null ? null : "be brief",
                "/work", name, List.of());
    }

    private static ThreadItem.UserMessage user(String text) {
        return new ThreadItem.UserMessage(UuidV7.next(), "client-" + text,
                List.of(new UserInput.Text(text, List.of(JsonNodeFactory.instance.objectNode().put("k", text)))));
    }

    private static Turn running(ThreadItem.UserMessage first, long startedAt) {
        return new Turn(UuidV7.next(), List.of(first), TurnItemsView.FULL, TurnStatus.IN_PROGRESS, null, startedAt,
                null, null);
    }

    @Test
    void aThreadReadsBackExactlyAndIdle() {
        ThreadRecord thread = newThread("first");
        ThreadRecord unnamed = newThread(null);
        store.insertThread(thread, Durability.NOW);
        store.insertThread(unnamed, Durability.NOW);

        assertThat(store.find(thread.id())).contains(thread);
        assertThat(store.find(unnamed.id())).contains(unnamed);
        assertThat(store.findSummary(thread.id())).contains(thread.summary());
        assertThat(store.find(thread.id()).orElseThrow().status()).isEqualTo(ThreadStatus.IDLE);
        assertThat(store.find("not-a-thread")).isEmpty();
        assertThat(store.findSummary(UuidV7.next())).isEmpty();
    }

    @Test
    void turnsAndItemsReadBackInOrderWithEveryField() {
        ThreadRecord thread = newThread("turns");
        store.insertThread(thread, Durability.NOW);
        ThreadItem.UserMessage first = user("hello");
        Turn turn = running(first, thread.createdAt() + 1);
        store.appendTurn(thread.id(), turn, "hello", thread.createdAt() + 1, Durability.NOW);
        assertThat(store.findSummary(thread.id()).orElseThrow().status()).isEqualTo(ThreadStatus.ACTIVE);

        ThreadItem.AgentMessage answer = new ThreadItem.AgentMessage(UuidV7.next(), "");
        store.appendItem(thread.id(), turn.id(), answer, Durability.QUEUED);
        ThreadItem.UserMessage steer = user("more");
        store.appendItem(thread.id(), turn.id(), steer, Durability.NOW);
        ThreadItem.AgentMessage done = new ThreadItem.AgentMessage(answer.id(), "hi there ✓");
        store.completeAgentMessage(thread.id(), turn.id(), done, Durability.QUEUED);
        TurnError error = new TurnError("model failed", CodexErrorInfo.SERVER_OVERLOADED, "details");
        CompletionStage<Void> ended = store.endTurn(thread.id(), turn.id(), TurnStatus.FAILED, error,
                thread.createdAt() + 5, 4_321, thread.createdAt() + 5, Durability.QUEUED);
        store.awaitDurable(ended);

        Turn second = running(user("again"), thread.createdAt() + 6);
        store.appendTurn(thread.id(), second, "not the preview", thread.createdAt() + 6, Durability.QUEUED);
        store.endTurn(thread.id(), second.id(), TurnStatus.COMPLETED, null, thread.createdAt() + 7, 10,
                thread.createdAt() + 7, Durability.QUEUED);

        ThreadRecord read = store.find(thread.id()).orElseThrow();
        assertThat(read.preview()).isEqualTo("hello");
        assertThat(read.updatedAt()).isEqualTo(thread.createdAt() + 7);
        assertThat(read.status()).isEqualTo(ThreadStatus.IDLE);
        assertThat(read.turns()).containsExactly(
                new Turn(turn.id(), List.of(first, done, steer), TurnItemsView.FULL, TurnStatus.FAILED, error,
                        thread.createdAt() + 1, thread.createdAt() + 5, 4_321L),
                new Turn(second.id(), second.items(), TurnItemsView.FULL, TurnStatus.COMPLETED, null,
                        thread.createdAt() + 6, thread.createdAt() + 7, 10L));
        assertThat(store.findSummary(thread.id()).orElseThrow()).isEqualTo(read.summary());
    }

    @Test
    void aPreviewIsSetOnceAndOnlyByTurnsThatCarryOne() {
        ThreadRecord thread = newThread("preview");
        store.insertThread(thread, Durability.NOW);
        store.appendTurn(thread.id(), running(user("x"), thread.createdAt()), null, thread.createdAt(), Durability.NOW);
        assertThat(store.findSummary(thread.id()).orElseThrow().preview()).isEmpty();
        store.appendTurn(thread.id(), running(user("y"), thread.createdAt()), "first words", thread.createdAt(),
                Durability.NOW);
        store.appendTurn(thread.id(), running(user("z"), thread.createdAt()), "later words", thread.createdAt(),
                Durability.NOW);
        assertThat(store.findSummary(thread.id()).orElseThrow().preview()).isEqualTo("first words");
    }

    @Test
    void listingIsNewestFirstWithStableCursors() {
        List<ThreadRecord> created = new ArrayList<>();
        long sameSecond = clock++;
        for (int i = 0; i < 5; i++) {
            // several threads in one second: ties are broken by id, descending
            ThreadRecord thread = newThread("t" + i);
            thread = new ThreadRecord(UuidV7.at(sameSecond * 1000 + i).toString(), sameSecond, sameSecond, "", false,
                    "openai", "m", null, "", "t" + i, List.of());
            store.insertThread(thread, Durability.NOW);
            created.add(thread);
        }
        ThreadRecord newest = newThread("newest");
        store.insertThread(newest, Durability.NOW);

        List<ThreadRecord> first = store.page(null, 2);
        assertThat(first).hasSize(3);
        assertThat(first.getFirst()).isEqualTo(newest);
        assertThat(first.get(1)).isEqualTo(created.get(4));
        List<ThreadRecord> next = store.page(first.get(1).id(), 2);
        assertThat(next).extracting(ThreadRecord::id).startsWith(created.get(3).id(), created.get(2).id());
        assertThat(store.page(created.get(0).id(), 10)).extracting(ThreadRecord::id)
                .doesNotContain(created.stream().map(ThreadRecord::id).toArray(String[]::new));
        assertThat(store.page(UuidV7.next(), 10)).isEmpty();
        assertThat(first).allSatisfy(thread -> assertThat(thread.turns()).isEmpty());
    }

    @Test
    void writesToAnUnknownThreadAreRefused() {
        Turn turn = running(user("x"), 1);
        assertThatThrownBy(() -> store.appendTurn(UuidV7.next(), turn, null, 1, Durability.NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    @Test
    void everyAnswerIsTheSameAfterARestartAndRunningTurnsComeBackInterrupted() {
        Assumptions.assumeTrue(durable(), "the memory store keeps nothing across a restart");
        ThreadRecord thread = newThread("survivor");
        store.insertThread(thread, Durability.NOW);
        Turn done = running(user("first"), thread.createdAt());
        store.appendTurn(thread.id(), done, "first", thread.createdAt(), Durability.NOW);
        store.endTurn(thread.id(), done.id(), TurnStatus.COMPLETED, null, thread.createdAt() + 1, 900,
                thread.createdAt() + 1, Durability.QUEUED);
        Turn cut = running(user("second"), thread.createdAt() + 2);
        store.appendTurn(thread.id(), cut, null, thread.createdAt() + 2, Durability.NOW);
        ThreadItem.AgentMessage open = new ThreadItem.AgentMessage(UuidV7.next(), "");
        store.appendItem(thread.id(), cut.id(), open, Durability.QUEUED);
        ThreadRecord other = newThread("other");
        store.insertThread(other, Durability.NOW);
        ThreadRecord before = store.find(thread.id()).orElseThrow();
        List<ThreadRecord> listBefore = store.page(null, 10);

        store = reopen();

        ThreadRecord after = store.find(thread.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(ThreadStatus.IDLE);
        assertThat(after.summary()).isEqualTo(idle(before.summary()));
        assertThat(after.turns().getFirst()).isEqualTo(before.turns().getFirst());
        Turn interrupted = after.turns().get(1);
        assertThat(interrupted.id()).isEqualTo(cut.id());
        assertThat(interrupted.items()).isEqualTo(List.of(cut.items().getFirst(), open));
        assertThat(interrupted.status()).isEqualTo(TurnStatus.INTERRUPTED);
        assertThat(interrupted.error()).isEqualTo(StoreConfiguration.RESTARTED);
        assertThat(interrupted.error().message()).isEqualTo("turn interrupted: the server restarted");
        assertThat(store.page(null, 10)).isEqualTo(listBefore.stream()
                .map(ThreadStoreContract::idle).toList());
        assertThat(store.find(other.id())).contains(other);
    }

    private static ThreadRecord idle(ThreadRecord summary) {
        return new ThreadRecord(summary.id(), summary.createdAt(), summary.updatedAt(), summary.preview(),
                summary.ephemeral(), summary.modelProvider(), summary.model(), summary.baseInstructions(), summary.cwd(),
                summary.name(), ThreadStatus.IDLE, List.of());
    }

    /** Whether the store keeps what it holds across {@link #reopen}. */
    protected boolean durable() {
        return true;
    }
}
