package dev.parley.store;

import dev.parley.realtime.timeline.InMemoryRealtimeTimelineStore;
import dev.parley.thread.InMemoryThreadStore;

/** The timeline contract on the memory store: nothing survives a restart. */
class MemoryRealtimeTimelineStoreTest extends RealtimeTimelineStoreContract {

    @Override
    protected Stores open() {
        return new Stores(new InMemoryThreadStore(), new InMemoryRealtimeTimelineStore());
    }

    @Override
    protected Stores reopen() {
        return null;
    }
}
