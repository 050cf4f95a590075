package dev.parley.testsupport;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resource counts for leak checks in fault tests: live threads (platform <i>and</i> virtual, by name, from a
 * JSON thread dump, since virtual threads are not listed by {@code Thread.getAllStackTraces()}), open file
 * descriptors of this process ({@code /proc/self/fd}: sockets included) and heap after a GC.
 */
public final class LeakProbe {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LeakProbe() {
    }

    /** One measurement. */
    public record Snapshot(List<String> threadNames, long openFileDescriptors, long heapUsedBytes) {

        public int threads() {
            return threadNames.size();
        }

        /** Threads whose name starts with {@code prefix}. */
        public long threadsNamed(String prefix) {
            return threadNames.stream().filter(name -> name.startsWith(prefix)).count();
        }

        @Override
        public String toString() {
            return "threads=" + threads() + " (realtime-*=" + threadsNamed("realtime-") + "), fds="
                    + openFileDescriptors + ", heap=" + heapUsedBytes / (1024 * 1024) + " MiB";
        }
    }

    /** Measures now; {@code gc} first runs a full collection so heap figures are comparable. */
    public static Snapshot take(boolean gc) {
        long heap = -1;
        if (gc) {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            heap = memory.getHeapMemoryUsage().getUsed();
        }
        return new Snapshot(threadNames(), openFileDescriptors(), heap);
    }

    /** The names of every live thread of the JVM, virtual ones included. */
    public static List<String> threadNames() {
        try {
            Path dump = Files.createTempFile("parley-threads", ".json");
            Files.delete(dump);
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
                JsonNode root = JSON.readTree(dump.toFile());
                List<String> names = new ArrayList<>();
                for (JsonNode container : root.path("threadDump").path("threadContainers")) {
                    for (JsonNode thread : container.path("threads")) {
                        names.add(thread.path("name").asString(""));
                    }
                }
                return names;
            } finally {
                Files.deleteIfExists(dump);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Entries of {@code /proc/self/fd} (Linux), or -1 where that does not exist. */
    public static long openFileDescriptors() {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        try (Stream<Path> entries = Files.list(fds)) {
            return entries.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Polls {@code condition} until it holds, at most {@code timeout}. For resources that give no signal when
     * they are released (threads ending, descriptors closing); everything with an event is awaited directly.
     */
    public static void awaitUntil(BooleanSupplier condition, Duration timeout, Supplier<String> describe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not released within " + timeout + ": " + describe.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
