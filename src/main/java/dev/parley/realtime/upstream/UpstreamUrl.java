package dev.parley.realtime.upstream;

import dev.parley.protocol.RealtimeConversationVersion;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds the upstream WebSocket URL from the configured base URL (normalisation rules of {@code 03} §3). */
public final class UpstreamUrl {

    public static final String DEFAULT_MODEL = "gpt-realtime-1.5";
    public static final String OPENAI_BASE_URL = "wss://api.openai.com/v1/realtime";
    public static final String SIMULATOR_PATH = "/sim/v1/realtime";

    private UpstreamUrl() {
    }

    /** Start param, then configured model, then {@value #DEFAULT_MODEL}. */
    public static String resolveModel(@Nullable String requested, @Nullable String configured) {
        if (requested != null) {
            return requested;
        }
        return configured != null ? configured : DEFAULT_MODEL;
    }

    /**
     * Builds the URL to dial.
     *
     * @param baseUrl     configured or resolved base URL
     * @param queryParams extra query parameters, appended in map order ({@code intent} always dropped)
     * @param model       the resolved model, or {@code null} to send none
     */
    public static URI build(String baseUrl, Map<String, String> queryParams, @Nullable String model,
            RealtimeConversationVersion version) throws UpstreamException.Preflight {
        URI base = parse(baseUrl);
        String scheme = switch (base.getScheme().toLowerCase(Locale.ROOT)) {
            case "ws", "http" -> "ws";
            case "wss", "https" -> "wss";
            default -> throw new UpstreamException.Preflight(
                    "unsupported realtime api_url scheme: " + base.getScheme());
        };
        List<String> appended = new ArrayList<>();
        if (version == RealtimeConversationVersion.V1) {
            appended.add("intent=quicksilver");
        }
        if (model != null) {
            appended.add("model=" + encode(model));
        }
        queryParams.forEach((name, value) -> {
            if (!name.equals("intent") && !(model != null && name.equals("model"))) {
                appended.add(encode(name) + "=" + encode(value));
            }
        });
        StringBuilder url = new StringBuilder(scheme).append("://").append(base.getRawAuthority())
                .append(normalisePath(base.getRawPath()));
        String query = base.getRawQuery();
        if (!appended.isEmpty()) {
            String extra = String.join("&", appended);
            query = query == null || query.isEmpty() ? extra : query + "&" + extra;
        }
        if (query != null) {
            url.append('?').append(query);
        }
        if (base.getRawFragment() != null) {
            url.append('#').append(base.getRawFragment());
        }
        return URI.create(url.toString());
    }

    /**
     * True when the URL targets the embedded simulator: a {@code localhost} or loopback host and the path
     * {@value #SIMULATOR_PATH}. Decided without DNS (only literal addresses and the name {@code localhost}).
     */
    public static boolean isSimulator(URI url) {
        return isLoopbackHost(url.getHost()) && SIMULATOR_PATH.equals(normalisePath(url.getRawPath()));
    }

    static String normalisePath(@Nullable String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return "/v1/realtime";
        }
        if (path.endsWith("/realtime/")) {
            return path.substring(0, path.length() - 1);
        }
        if (path.endsWith("/v1")) {
            return path + "/realtime";
        }
        if (path.endsWith("/v1/")) {
            return path + "realtime";
        }
        return path;
    }

    private static URI parse(String baseUrl) throws UpstreamException.Preflight {
        URI uri;
        try {
            uri = new URI(baseUrl.trim());
        } catch (URISyntaxException e) {
            throw new UpstreamException.Preflight("failed to parse realtime api_url: " + e.getMessage());
        }
        if (uri.getScheme() == null) {
            throw new UpstreamException.Preflight("failed to parse realtime api_url: relative URL without a base");
        }
        if (uri.getRawAuthority() == null || uri.getHost() == null) {
            if (isKnownScheme(uri.getScheme())) {
                throw new UpstreamException.Preflight("failed to parse realtime api_url: empty host");
            }
            throw new UpstreamException.Preflight("unsupported realtime api_url scheme: " + uri.getScheme());
        }
        return uri;
    }

    private static boolean isKnownScheme(String scheme) {
        return List.of("ws", "wss", "http", "https").contains(scheme.toLowerCase(Locale.ROOT));
    }

    private static boolean isLoopbackHost(@Nullable String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.contains(":") && !literal.matches("[0-9.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
