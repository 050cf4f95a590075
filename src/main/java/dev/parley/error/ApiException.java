package dev.parley.error;

import dev.parley.protocol.v2.CodexErrorInfo;
import org.jspecify.annotations.Nullable;

/**
 * A failure whose message is meant for the client verbatim. Anything else that escapes a handler is an
 * internal error and reaches the client only as {@code Internal error} with an error id.
 */
public class ApiException extends RuntimeException {

    private final ErrorKind kind;
    private final @Nullable CodexErrorInfo codexErrorInfo;

    public ApiException(ErrorKind kind, String message) {
        this(kind, message, null);
    }

    public ApiException(ErrorKind kind, String message, @Nullable CodexErrorInfo codexErrorInfo) {
        super(message, null, false, false);
        this.kind = kind;
        this.codexErrorInfo = codexErrorInfo;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** Set when the error carries {@code data.codexErrorInfo} (e.g. {@code conversation is not running}). */
    public @Nullable CodexErrorInfo codexErrorInfo() {
        return codexErrorInfo;
    }

    public static ApiException threadNotFound(String threadId) {
        return new ApiException(ErrorKind.NOT_FOUND, "thread not found: " + threadId);
    }

    public static ApiException invalidParams(String detail) {
        return new ApiException(ErrorKind.INVALID_PARAMS, "Invalid params: " + detail);
    }

    /** The store cannot be reached or written; {@code reason} is short and free of credentials. */
    public static ApiException storeUnavailable(String reason) {
        return new ApiException(ErrorKind.STORE_UNAVAILABLE, "store unavailable: " + reason,
                CodexErrorInfo.INTERNAL_SERVER_ERROR);
    }

    public static ApiException overloaded() {
        return new ApiException(ErrorKind.OVERLOADED, "Server overloaded; retry later.");
    }
}
