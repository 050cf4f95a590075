package dev.parley.store;

import dev.parley.thread.InMemoryThreadStore;
import dev.parley.thread.ThreadStore;

class MemoryThreadStoreTest extends ThreadStoreContract {

    @Override
    protected ThreadStore open() {
        return new InMemoryThreadStore();
    }

    @Override
    protected ThreadStore reopen() {
        throw new UnsupportedOperationException("memory keeps nothing across a restart");
    }

    @Override
    protected boolean durable() {
        return false;
    }
}
