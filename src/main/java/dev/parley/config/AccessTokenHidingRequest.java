package dev.parley.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The request as seen past the security filter, without its {@code access_token} query parameter: once the
 * token has been checked nothing downstream needs it, and whatever logs the request URI (Spring's
 * {@code DispatcherServlet} and WebSocket session logging at debug level, for instance) must not print it
 * ({@code 02} §2.1: the query token is redacted from every log line).
 */
final class AccessTokenHidingRequest extends HttpServletRequestWrapper {

    static final String PARAMETER = "access_token";

    private final @Nullable String queryString;

    private AccessTokenHidingRequest(HttpServletRequest request) {
        super(request);
        String query = Stream.of(request.getQueryString().split("&"))
                .filter(pair -> !pair.equals(PARAMETER) && !pair.startsWith(PARAMETER + "="))
                .collect(Collectors.joining("&"));
        this.queryString = query.isEmpty() ? null : query;
    }

    /** Wraps the request when its query carries an access token, else returns it as it is. */
    static HttpServletRequest wrapIfPresent(HttpServletRequest request) {
        String query = request.getQueryString();
        return query != null && query.contains(PARAMETER) ? new AccessTokenHidingRequest(request) : request;
    }

    @Override
    public @Nullable String getQueryString() {
        return queryString;
    }

    @Override
    public @Nullable String getParameter(String name) {
        return PARAMETER.equals(name) ? null : super.getParameter(name);
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        Map<String, String[]> parameters = new LinkedHashMap<>(super.getParameterMap());
        parameters.remove(PARAMETER);
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(getParameterMap().keySet());
    }

    @Override
    public String @Nullable [] getParameterValues(String name) {
        return PARAMETER.equals(name) ? null : super.getParameterValues(name);
    }
}
