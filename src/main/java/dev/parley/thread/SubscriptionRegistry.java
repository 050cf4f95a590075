package dev.parley.thread;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which connection listens to which thread. Connections are named by opaque ids; this class knows nothing
 * about sockets. Subscribing is idempotent.
 */
public final class SubscriptionRegistry {

    private final Map<String, Set<String>> connectionsByThread = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> threadsByConnection = new ConcurrentHashMap<>();
    private final List<SubscriptionListener> listeners;

    public SubscriptionRegistry(List<SubscriptionListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** Subscribes; returns {@code true} when the connection was not subscribed yet. */
    public boolean subscribe(String threadId, String connectionId) {
        if (isSubscribed(threadId, connectionId)) {
            return false; // the common case on the audio path: no allocation, no lock
        }
        boolean[] first = {false};
        boolean[] added = {false};
        connectionsByThread.compute(threadId, (key, current) -> {
            Set<String> set = current != null ? current : ConcurrentHashMap.newKeySet();
            first[0] = set.isEmpty();
            added[0] = set.add(connectionId);
            return set;
        });
        if (added[0]) {
            threadsByConnection.computeIfAbsent(connectionId, key -> ConcurrentHashMap.newKeySet()).add(threadId);
            if (first[0]) {
                listeners.forEach(listener -> listener.firstSubscriberJoined(threadId));
            }
        }
        return added[0];
    }

    /** Unsubscribes; returns {@code true} when the connection was subscribed. */
    public boolean unsubscribe(String threadId, String connectionId) {
        Set<String> threads = threadsByConnection.get(connectionId);
        if (threads != null) {
            threads.remove(threadId);
        }
        return removeFromThread(threadId, connectionId);
    }

    /** Drops every subscription of a closed connection. */
    public void removeConnection(String connectionId) {
        Set<String> threads = threadsByConnection.remove(connectionId);
        if (threads != null) {
            threads.forEach(threadId -> removeFromThread(threadId, connectionId));
        }
    }

    /** The connections subscribed to a thread (a live view; iterate, do not keep). */
    public Set<String> subscribers(String threadId) {
        Set<String> set = connectionsByThread.get(threadId);
        return set == null ? Set.of() : set;
    }

    public int subscriberCount(String threadId) {
        return subscribers(threadId).size();
    }

    public boolean isSubscribed(String threadId, String connectionId) {
        return subscribers(threadId).contains(connectionId);
    }

    private boolean removeFromThread(String threadId, String connectionId) {
        boolean[] removed = {false};
        boolean[] emptied = {false};
        connectionsByThread.computeIfPresent(threadId, (key, set) -> {
            removed[0] = set.remove(connectionId);
            emptied[0] = removed[0] && set.isEmpty();
            return set.isEmpty() ? null : set;
        });
        if (emptied[0]) {
            listeners.forEach(listener -> listener.lastSubscriberLeft(threadId));
        }
        return removed[0];
    }
}
