package dev.parley.thread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.error.ApiException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThreadLanesTest {

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void operationsOfOneThreadRunInOrderAndHoldTheSlotUntilTheirStageCompletes() throws Exception {
        ThreadLanes lanes = new ThreadLanes(executor, 100);
        List<String> log = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> connect = new CompletableFuture<>();
        CountDownLatch done = new CountDownLatch(1);
        lanes.submit("t", () -> {
            log.add("start");
            return connect;
        });
        lanes.submit("t", () -> {
            log.add("append");
            done.countDown();
            return CompletableFuture.completedFuture(null);
        });
        CountDownLatch other = new CountDownLatch(1);
        lanes.submit("u", () -> {
            other.countDown();
            return CompletableFuture.completedFuture(null);
        });
        assertThat(other.await(5, TimeUnit.SECONDS)).as("another thread's lane is independent").isTrue();
        assertThat(lanes.pending("t")).isEqualTo(2);
        assertThat(log).containsExactly("start");
        connect.complete(null);
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(log).containsExactly("start", "append");
    }

    @Test
    void aFullLaneRejectsWithOverloaded() {
        ThreadLanes lanes = new ThreadLanes(executor, 2);
        CompletableFuture<Void> blocker = new CompletableFuture<>();
        lanes.submit("t", () -> blocker);
        lanes.submit("t", () -> CompletableFuture.completedFuture(null));
        assertThatThrownBy(() -> lanes.submit("t", () -> CompletableFuture.completedFuture(null)))
                .isInstanceOf(ApiException.class).hasMessage("Server overloaded; retry later.");
        blocker.complete(null);
    }

    @Test
    void callReturnsTheResultAndPropagatesFailures() {
        ThreadLanes lanes = new ThreadLanes(executor, 10);
        assertThat(lanes.call("t", () -> 42)).isEqualTo(42);
        assertThatThrownBy(() -> lanes.call("t", () -> {
            throw ApiException.threadNotFound("t");
        })).isInstanceOf(ApiException.class).hasMessage("thread not found: t");
        assertThat(lanes.call("t", () -> "still works")).isEqualTo("still works");
    }
}
