package dev.parley.error;

/**
 * The classes of failure a client can be told about. The RPC layer maps each to a JSON-RPC error code, the
 * REST layer to an HTTP status; the message text is the same on both.
 */
public enum ErrorKind {
    /** {@code -32600}, HTTP 400: a request that is well-formed but not acceptable now. */
    INVALID_REQUEST,
    /** {@code -32600}, HTTP 404: an unknown thread. */
    NOT_FOUND,
    /** {@code -32602}, HTTP 400: params that do not bind or fail validation. */
    INVALID_PARAMS,
    /** {@code -32001}, HTTP 503: load shedding. */
    OVERLOADED,
    /** {@code -32600}, HTTP 422: a realtime start that fails preflight (REST answers it synchronously). */
    PREFLIGHT,
    /** {@code -32603}, HTTP 503: the store cannot be reached or written ({@code store unavailable: <reason>}). */
    STORE_UNAVAILABLE
}
