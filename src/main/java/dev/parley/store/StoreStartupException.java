package dev.parley.store;

/**
 * The store cannot be used, so Parley refuses to start: not a Parley store, a newer schema, a SQLite file in use
 * by another process, an unreachable database. The message names the file or the URL (never a password) and
 * is the whole start-up report ({@link StoreFailureAnalyzer}).
 */
public final class StoreStartupException extends RuntimeException {

    private final String action;

    public StoreStartupException(String message, String action) {
        super(message, null, false, false);
        this.action = action;
    }

    /** What the operator can do about it. */
    public String action() {
        return action;
    }
}
