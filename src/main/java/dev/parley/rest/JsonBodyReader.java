package dev.parley.rest;

import dev.parley.config.RpcProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a REST request body as JSON under the same size bound as an RPC message: too large is 413, not JSON
 * is 400 {@code Parse error}. The body is taken as bytes so that the bound and the error texts are Parley's own.
 */
@Component
class JsonBodyReader {

    private final JsonMapper json;
    private final int maxBodyBytes;

    JsonBodyReader(JsonMapper json, RpcProperties rpc) {
        this.json = json;
        this.maxBodyBytes = rpc.maxMessageBytes();
    }

    /** The parsed body, or {@code null} when there is none; any content type is accepted. */
    @Nullable JsonNode read(byte @Nullable [] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        requireWithinBound(body);
        return parse(body);
    }

    /** Like {@link #read(byte[])}, but a body must also be declared JSON (415 otherwise). */
    @Nullable JsonNode readDeclaredJson(byte @Nullable [] body, @Nullable String contentType)
            throws HttpMediaTypeNotSupportedException {
        if (body == null || body.length == 0) {
            return null;
        }
        requireWithinBound(body);
        if (contentType == null || !isJson(MediaType.parseMediaType(contentType))) {
            throw new HttpMediaTypeNotSupportedException(contentType == null ? null : MediaType.parseMediaType(contentType),
                    List.of(MediaType.APPLICATION_JSON));
        }
        return parse(body);
    }

    private void requireWithinBound(byte[] body) {
        if (body.length > maxBodyBytes) {
            throw new RestErrors.RestException(HttpStatus.CONTENT_TOO_LARGE,
                    "request body exceeds " + maxBodyBytes + " bytes");
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new RestErrors.RestException(HttpStatus.BAD_REQUEST, "Parse error");
        }
    }

    private static boolean isJson(MediaType type) {
        return MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json");
    }
}
