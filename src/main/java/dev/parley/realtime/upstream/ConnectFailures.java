package dev.parley.realtime.upstream;

import dev.parley.error.Timeouts;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Short, credential-free descriptions of socket failures: {@code HTTP 401}, {@code connection refused},
 * {@code timed out after 10s}. Exception messages of the JDK never contain request headers, so the key
 * cannot leak through them.
 */
final class ConnectFailures {

    private ConnectFailures() {
    }

    static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        return switch (cause) {
            case WebSocketHandshakeException handshake -> "HTTP " + handshake.getResponse().statusCode();
            case ConnectException refused -> "connection refused";
            case UnknownHostException unknown -> "unknown host " + unknown.getMessage();
            case UnresolvedAddressException unresolved -> "unknown host";
            case SSLException tls -> "TLS error: " + tls.getMessage();
            default -> cause.getMessage() != null && !cause.getMessage().isBlank()
                    ? cause.getMessage()
                    : cause.getClass().getSimpleName();
        };
    }

    static boolean isTimeout(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException;
    }

    static String timedOut(Duration timeout) {
        return Timeouts.timedOutAfter(timeout);
    }

    /** The most telling exception of the cause chain: a known failure kind, else the innermost cause. */
    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WebSocketHandshakeException || t instanceof ConnectException
                    || t instanceof UnknownHostException || t instanceof UnresolvedAddressException
                    || t instanceof SSLException || t instanceof HttpTimeoutException) {
                return t;
            }
            cause = t;
            if (t.getCause() == t) {
                break;
            }
        }
        return cause;
    }
}
