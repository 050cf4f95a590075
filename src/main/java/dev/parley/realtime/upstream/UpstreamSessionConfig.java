package dev.parley.realtime.upstream;

import dev.parley.protocol.RealtimeConversationVersion;
import java.net.URI;
import java.util.Map;

/**
 * Everything needed to open one upstream connection, produced by {@link UpstreamPreflight}.
 *
 * @param url           the normalised URL to dial (query included)
 * @param headers       the merged handshake headers (may contain the API key: never log them)
 * @param sessionUpdate the first frame
 */
public record UpstreamSessionConfig(URI url, Map<String, String> headers, UpstreamMessage.SessionUpdate sessionUpdate) {

    public UpstreamSessionConfig {
        headers = Map.copyOf(headers);
    }

    /** Masks the credentials of these headers in text the upstream or a socket failure sends back. */
    public CredentialRedactor redactor() {
        return CredentialRedactor.forHeaders(headers);
    }

    public RealtimeConversationVersion version() {
        return sessionUpdate.version();
    }

    /** Never prints header values: they carry the API key. */
    @Override
    public String toString() {
        return "UpstreamSessionConfig[url=" + url + ", headers=" + headers.keySet() + ", version="
                + version().wireName() + "]";
    }
}
