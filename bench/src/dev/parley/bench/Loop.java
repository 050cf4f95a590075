package dev.parley.bench;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The generator's one I/O thread: every socket of the load generator and of the fakes is read here, with
 * no blocking call anywhere, so a frame's arrival time is taken as soon as epoll reports it. Writes are
 * made by whichever thread produces the frame ({@link WsConn#send}); only the rest of a partial write is
 * left to this loop.
 */
final class Loop implements AutoCloseable {

    /** Something registered with the loop: told when its channel is ready. */
    interface Ready {
        void ready(SelectionKey key) throws IOException;

        void failed(IOException e);
    }

    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean open = true;

    Loop() throws IOException {
        selector = Selector.open();
        thread = Thread.ofPlatform().name("bench-io").daemon().start(this::run);
    }

    /** Runs {@code task} on the loop thread. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs {@code task} on the loop thread and waits for its result (how other threads read loop-owned state). */
    <T> T call(Supplier<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    /** Registers a channel (from any thread); the key is handed to {@code registered} on the loop thread. */
    void register(SelectableChannel channel, int ops, Ready ready,
            java.util.function.Consumer<SelectionKey> registered) {
        execute(() -> {
            try {
                SelectionKey key = channel.register(selector, ops, ready);
                registered.accept(key);
            } catch (IOException e) {
                ready.failed(e);
            }
        });
    }

    /** Interest changes from another thread take effect at the next select; wake it so they do now. */
    void wakeup() {
        selector.wakeup();
    }

    private void run() {
        while (open) {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    e.printStackTrace();
                }
            }
            try {
                selector.select(key -> {
                    Ready ready = (Ready) key.attachment();
                    try {
                        if (key.isValid()) {
                            ready.ready(key);
                        }
                    } catch (IOException e) {
                        key.cancel();
                        ready.failed(e);
                    } catch (RuntimeException e) {
                        e.printStackTrace();
                        key.cancel();
                        ready.failed(new IOException(e));
                    }
                }, 100);
            } catch (IOException | java.nio.channels.ClosedSelectorException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        selector.wakeup();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        selector.close();
    }
}
