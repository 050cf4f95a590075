package dev.parley.realtime.conversation;

import dev.parley.protocol.RealtimeEvent;

/** Publishes one realtime event of a conversation to its thread's subscribers; never waits for a client (it only enqueues). */
@FunctionalInterface
interface EventPublication {

    /** {@code nonFatalConflict}: the active-response conflict error, on the event stream only. */
    void publish(RealtimeEvent event, boolean nonFatalConflict);
}
