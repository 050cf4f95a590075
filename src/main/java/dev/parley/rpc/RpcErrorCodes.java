package dev.parley.rpc;

import dev.parley.error.ErrorKind;

/** JSON-RPC error codes and the fixed messages of the framing and handshake errors. */
final class RpcErrorCodes {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    static final int OVERLOADED = -32001;

    static final String NOT_INITIALIZED = "Not initialized";
    static final String ALREADY_INITIALIZED = "Already initialized";

    private RpcErrorCodes() {
    }

    static int codeOf(ErrorKind kind) {
        return switch (kind) {
            case INVALID_REQUEST, NOT_FOUND, PREFLIGHT -> INVALID_REQUEST;
            case INVALID_PARAMS -> INVALID_PARAMS;
            case OVERLOADED -> OVERLOADED;
            case STORE_UNAVAILABLE -> INTERNAL_ERROR;
        };
    }
}
