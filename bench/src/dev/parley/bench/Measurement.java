package dev.parley.bench;

/**
 * The measured windows of one phase, fixed before the first frame of the first window is scheduled: a frame
 * belongs to the window that contains its scheduled time, whenever it arrives. Arrivals are recorded on the
 * I/O loop thread only (one writer); the pacer's lag on the pacer thread only.
 */
final class Measurement {

    static final long LATE_NANOS = 100_000_000L;

    /** The phase being measured, or null between phases. */
    static volatile Measurement current;

    /** One direction: samples and counts per window. */
    static final class Direction {
        final Samples[] samples;
        final long[] received;
        final long[] late;

        Direction(int windows) {
            samples = new Samples[windows];
            received = new long[windows];
            late = new long[windows];
            for (int i = 0; i < windows; i++) {
                samples[i] = new Samples();
            }
        }

        long received() {
            long total = 0;
            for (long r : received) {
                total += r;
            }
            return total;
        }
    }

    final long start;
    final long windowNanos;
    final int windows;
    final Direction input;
    final Direction output;
    private final Samples[] lag;
    private volatile long lagWrites;

    Measurement(long start, long windowNanos, int windows) {
        this.start = start;
        this.windowNanos = windowNanos;
        this.windows = windows;
        this.input = new Direction(windows);
        this.output = new Direction(windows);
        this.lag = new Samples[windows];
        for (int i = 0; i < windows; i++) {
            lag[i] = new Samples();
        }
    }

    long end() {
        return start + windowNanos * windows;
    }

    int windowOf(long scheduled) {
        if (scheduled < start) {
            return -1;
        }
        long w = (scheduled - start) / windowNanos;
        return w < windows ? (int) w : -1;
    }

    /** A frame scheduled at {@code scheduled} arrived at {@code arrived} (loop thread). */
    void arrived(Direction direction, long scheduled, long arrived) {
        int w = windowOf(scheduled);
        if (w < 0) {
            return;
        }
        long latency = arrived - scheduled;
        direction.samples[w].add(latency);
        direction.received[w]++;
        if (latency > LATE_NANOS) {
            direction.late[w]++;
        }
    }

    /** How late the pacer ran a tick (pacer thread). */
    void pacerLag(long scheduled, long ranAt) {
        int w = windowOf(scheduled);
        if (w >= 0) {
            lag[w].add(ranAt - scheduled);
            lagWrites++;
        }
    }

    /** The pacer's lag in window {@code w}, sorted (read after the window, from another thread). */
    Samples lag(int w) {
        long unused = lagWrites;
        return Samples.merge(java.util.List.of(lag[w]));
    }
}
