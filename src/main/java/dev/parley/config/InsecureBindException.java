package dev.parley.config;

/** Thrown at startup when Parley would listen off loopback without a bearer token. */
public final class InsecureBindException extends IllegalStateException {

    public InsecureBindException(String message) {
        super(message);
    }
}
