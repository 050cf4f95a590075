package dev.parley.thread;

import org.springframework.context.SmartLifecycle;

/**
 * The order of a graceful shutdown, as {@link SmartLifecycle} phases (higher phases stop first). Spring Boot's
 * own phases frame Parley's: the web server first stops accepting connections and lets in-flight HTTP requests
 * finish ({@code server.shutdown=graceful}, phase {@value #WEB_SERVER_GRACEFUL}); then Parley ends its realtime
 * conversations, interrupts its agent turns and flushes every client connection; then the web server stops
 * (phase {@value #WEB_SERVER_STOP}); last the store writes what it still holds. The store itself is closed by
 * its bean's destroy method, which Spring runs only after every phase has stopped.
 */
public final class ShutdownPhases {

    /** Boot's graceful shutdown of the web server: new connections refused, in-flight requests finish. */
    public static final int WEB_SERVER_GRACEFUL = SmartLifecycle.DEFAULT_PHASE - 1024;
    /** Realtime conversations end with {@code closed{shutdown}}; their upstream sockets close cleanly. */
    public static final int CONVERSATIONS = WEB_SERVER_GRACEFUL - 100;
    /** Running agent turns end {@code interrupted} with a shutdown error, recorded in the store. */
    public static final int TURNS = CONVERSATIONS - 100;
    /** Client connections send what is queued for them, then close with 1001 (going away). */
    public static final int CONNECTIONS = TURNS - 100;
    /** Boot stops the web server: every socket still open is dropped. */
    public static final int WEB_SERVER_STOP = SmartLifecycle.DEFAULT_PHASE - 2048;
    /** The store writes what its write-behind queue still holds; nothing writes after this. */
    public static final int STORE_FLUSH = WEB_SERVER_STOP - 1000;

    private ShutdownPhases() {
    }
}
