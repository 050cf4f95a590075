package dev.parley.thread;

import dev.parley.protocol.v2.ProtocolRegistry.NotificationMethod;

/**
 * Sends server notifications to clients. The services call it; the RPC layer implements it (fan-out to
 * connections, opt-outs, {@code emittedAtMs}). Implementations never block on a slow client.
 */
public interface NotificationPublisher {

    /** To every initialized connection ({@code thread/started}, {@code thread/status/changed}). */
    <P extends Record> void broadcast(NotificationMethod<P> method, P params);

    /** To every connection subscribed to the thread, in the order of the calls for that thread. */
    <P extends Record> void toSubscribers(String threadId, NotificationMethod<P> method, P params);
}
