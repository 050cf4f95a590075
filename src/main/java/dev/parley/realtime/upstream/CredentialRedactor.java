package dev.parley.realtime.upstream;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Masks the credentials a connection presents in text that comes back from the peer or from socket
 * failures: an upstream {@code error} may quote the key it rejected ("Incorrect API key provided: sk-…"), and
 * that text is otherwise relayed verbatim to clients, REST and logs ({@code 08} §3). Used on error paths only,
 * never on the audio path.
 */
public final class CredentialRedactor {

    /** Masks nothing. */
    public static final CredentialRedactor NONE = new CredentialRedactor(List.of());

    static final String MASK = "<redacted>";
    /** Shorter values are too likely to match ordinary words to be worth masking. */
    private static final int MIN_SECRET_LENGTH = 8;
    private static final Pattern SECRET_HEADER = Pattern.compile(".*(auth|key|token|secret).*");

    private final List<String> secrets;

    private CredentialRedactor(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    /**
     * The secrets among handshake headers: the bearer token of {@code Authorization} and the value of every
     * header whose name says it holds a key, token or secret (for example an {@code api-key} set through
     * {@code parley.realtime.headers}).
     */
    public static CredentialRedactor forHeaders(Map<String, String> headers) {
        List<String> secrets = new ArrayList<>();
        headers.forEach((name, value) -> {
            if (!SECRET_HEADER.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
                return;
            }
            String secret = value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : value.strip();
            if (secret.length() >= MIN_SECRET_LENGTH) {
                secrets.add(secret);
            }
        });
        return new CredentialRedactor(secrets);
    }

    /** {@code text} with every occurrence of a secret replaced by {@code <redacted>}. */
    public String redact(String text) {
        String result = text;
        for (String secret : secrets) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }
}
