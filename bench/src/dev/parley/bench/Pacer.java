package dev.parley.bench;

import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The clock of every stream in the generator (client input and fake-upstream output alike): each stream
 * ticks on fixed 20 ms marks from its own staggered start, and each tick stamps the frame with its
 * <em>scheduled</em> time. A tick only hands the frame to a non-blocking send, so a slow socket never delays
 * the next tick; if this thread itself falls behind, the ticks run late but keep their scheduled stamps
 * (no coordinated omission) and the lag is reported as the generator's own health.
 */
final class Pacer implements AutoCloseable {

    /** A stream of frames every {@link Frames#FRAME_NANOS}. */
    abstract static class Stream {
        long due;
        long seq;
        volatile boolean active = true;

        /** Sends frame {@code seq} scheduled at {@code scheduledNanos}. */
        abstract void tick(long seq, long scheduledNanos);

        void stop() {
            active = false;
        }
    }

    private final PriorityQueue<Stream> queue = new PriorityQueue<>((a, b) -> Long.compare(a.due, b.due));
    private final ConcurrentLinkedQueue<Stream> added = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean open = true;

    Pacer() {
        thread = Thread.ofPlatform().name("bench-pacer").daemon().start(this::run);
    }

    /** Starts {@code stream} with its first frame scheduled at {@code firstDueNanos}. */
    void start(Stream stream, long firstDueNanos) {
        stream.due = firstDueNanos;
        added.add(stream);
        LockSupport.unpark(thread);
    }

    private void run() {
        while (open) {
            Stream fresh;
            while ((fresh = added.poll()) != null) {
                queue.add(fresh);
            }
            Stream head = queue.peek();
            if (head == null) {
                LockSupport.parkNanos(5_000_000);
                continue;
            }
            long now = System.nanoTime();
            if (head.due > now) {
                LockSupport.parkNanos(head.due - now);
                continue;
            }
            queue.poll();
            if (!head.active) {
                continue;
            }
            Measurement measurement = Measurement.current;
            if (measurement != null) {
                measurement.pacerLag(head.due, now);
            }
            try {
                head.tick(head.seq++, head.due);
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
            head.due += Frames.FRAME_NANOS;
            queue.add(head);
        }
    }

    @Override
    public void close() {
        open = false;
        LockSupport.unpark(thread);
    }
}
