package dev.parley.bench;

import java.util.Arrays;
import java.util.List;

/** A growable list of latency samples in nanoseconds, written by one thread, merged after a phase. */
final class Samples {

    private long[] values = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    int size() {
        return size;
    }

    static Samples merge(List<Samples> parts) {
        Samples all = new Samples();
        int total = parts.stream().mapToInt(Samples::size).sum();
        all.values = new long[Math.max(total, 1)];
        for (Samples part : parts) {
            System.arraycopy(part.values, 0, all.values, all.size, part.size);
            all.size += part.size;
        }
        Arrays.sort(all.values, 0, all.size);
        return all;
    }

    /** The q-quantile in milliseconds of a merged (sorted) sample set; NaN when empty. */
    double quantileMs(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(size - 1, Math.max(0, Math.ceil(q * size) - 1));
        return values[index] / 1e6;
    }
}
