package dev.parley.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Origin check and the optional bearer token (02 §2.1), in front of the WebSocket upgrade and REST.
 * {@code /rpc} and {@code /api/**} get both checks, {@code /sim/**} the Origin check only; health and API
 * docs get neither. Rejections are RFC 9457 problem details.
 */
public final class SecurityFilter extends OncePerRequestFilter {

    private record Origin(String scheme, String host, int port) {
    }

    private final SecurityProperties properties;
    private final JsonMapper json;
    private final List<Origin> allowed;
    private final boolean allowAll;
    private final boolean allowNull;
    private final byte[] token;

    public SecurityFilter(SecurityProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.allowAll = properties.allowedOrigins().contains("*");
        this.allowNull = properties.allowedOrigins().contains("null");
        this.allowed = properties.allowedOrigins().stream().map(SecurityFilter::parseOrigin).filter(Objects::nonNull)
                .toList();
        this.token = properties.token().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !(path.equals("/rpc") || path.startsWith("/api/") || path.equals("/api") || path.startsWith("/sim/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = path(request);
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !originAllowed(origin, request)) {
            reject(response, HttpStatus.FORBIDDEN, "origin not allowed: " + origin, path);
            return;
        }
        if (properties.tokenRequired() && !path.startsWith("/sim/") && !tokenPresented(request, path)) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            reject(response, HttpStatus.UNAUTHORIZED, "missing or invalid bearer token", path);
            return;
        }
        chain.doFilter(AccessTokenHidingRequest.wrapIfPresent(request), response);
    }

    private boolean originAllowed(String origin, HttpServletRequest request) {
        if (allowAll) {
            return true;
        }
        if (origin.equals("null")) {
            return allowNull;
        }
        Origin parsed = parseOrigin(origin);
        if (parsed == null) {
            return false;
        }
        Origin self = new Origin(request.getScheme().toLowerCase(Locale.ROOT),
                request.getServerName().toLowerCase(Locale.ROOT), request.getServerPort());
        return parsed.equals(self) || allowed.contains(parsed);
    }

    private boolean tokenPresented(HttpServletRequest request, String path) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return matches(header.substring(7).strip());
        }
        // browsers cannot set headers on a WebSocket upgrade
        return path.equals("/rpc") && matches(request.getParameter("access_token"));
    }

    private boolean matches(@Nullable String presented) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token);
    }

    private void reject(HttpServletResponse response, HttpStatus status, String detail, String path) throws IOException {
        ObjectNode problem = json.createObjectNode();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", path);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** Parses an origin with scheme, host and an explicit or default port; null when it is not one. */
    static @Nullable Origin parseOrigin(String value) {
        try {
            URI uri = URI.create(value.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : switch (scheme) {
                case "http", "ws" -> 80;
                case "https", "wss" -> 443;
                default -> -1;
            };
            return new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
