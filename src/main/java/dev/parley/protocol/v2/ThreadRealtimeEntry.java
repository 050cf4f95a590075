package dev.parley.protocol.v2;

/** One stored timeline item with its position in the thread (a per-thread integer that only grows). */
public record ThreadRealtimeEntry(
        long position,
        ThreadRealtimeItem item) {
}
