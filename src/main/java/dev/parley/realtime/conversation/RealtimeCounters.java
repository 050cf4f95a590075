package dev.parley.realtime.conversation;

/**
 * The counters of one conversation as REST reports them ({@code 04} §14, {@code 02} §8.2), plus
 * {@code audioOutDropped}: output audio frames shed under overload (so both directions' losses are counted).
 */
public record RealtimeCounters(long audioInFrames, long audioInDropped, long audioOutFrames, long audioOutDropped,
        long upstreamEvents, long handoffs, long responseCreatesSent, long responseCreatesDeferred) {

    public static final RealtimeCounters ZERO = new RealtimeCounters(0, 0, 0, 0, 0, 0, 0, 0);
}
