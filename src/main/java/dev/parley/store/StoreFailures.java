package dev.parley.store;

/** Short, credential-free reasons for store failures, as clients and log lines show them. */
final class StoreFailures {

    private static final int MAX_REASON = 200;

    private StoreFailures() {
    }

    /** The innermost cause's first line: what the driver said (e.g. connection refused, readonly database). */
    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            return root.getClass().getSimpleName();
        }
        String line = message.strip().lines().findFirst().orElse("").replaceAll("\\s+", " ");
        return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON) + "…";
    }
}
