package dev.parley.rest;

import dev.parley.error.ApiException;
import dev.parley.error.ParamsBinder;
import dev.parley.protocol.v2.Thread;
import dev.parley.protocol.v2.ThreadListResponse;
import dev.parley.protocol.v2.ThreadStartParams;
import dev.parley.thread.ThreadLanes;
import dev.parley.thread.ThreadRecord;
import dev.parley.thread.ThreadService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Threads over REST: a thin adapter over {@link ThreadService}, with the same validation and notifications as RPC. */
@RestController
@RequestMapping("/api/v1/threads")
@Tag(name = "threads")
@ApiResponse(responseCode = "401", description = "missing or invalid bearer token",
        content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "403", description = "origin not allowed",
        content = @Content(mediaType = "application/problem+json"))
public class ThreadsController {

    private final ThreadService threads;
    private final ThreadLanes lanes;
    private final ParamsBinder binder;
    private final JsonBodyReader bodies;

    ThreadsController(ThreadService threads, ThreadLanes lanes, JsonMapper json, JsonBodyReader bodies) {
        this.threads = threads;
        this.lanes = lanes;
        this.binder = new ParamsBinder(json);
        this.bodies = bodies;
    }

    @PostMapping
    @Operation(summary = "Create a thread (as thread/start); broadcasts thread/started",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                    content = @Content(schema = @Schema(implementation = ThreadStartParams.class))))
    @ApiResponse(responseCode = "201", description = "created",
            content = @Content(schema = @Schema(implementation = Thread.class)))
    @ApiResponse(responseCode = "400", description = "Parse error or Invalid params",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "413", description = "body too large",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "415", description = "not JSON", content = @Content(mediaType = "application/problem+json"))
    public ResponseEntity<Thread> create(@RequestBody(required = false) byte @Nullable [] body,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType)
            throws HttpMediaTypeNotSupportedException {
        ThreadStartParams params = binder.bind(bodies.readDeclaredJson(body, contentType), ThreadStartParams.class);
        ThreadRecord thread = threads.start(params);
        threads.announceStarted(thread);
        return ResponseEntity.created(URI.create("/api/v1/threads/" + thread.id()))
                .body(thread.toProtocol(threads.version(), false));
    }

    @GetMapping
    @Operation(summary = "List threads, newest first (as thread/list)")
    @ApiResponse(responseCode = "200", description = "one page")
    @ApiResponse(responseCode = "400", description = "Invalid params", content = @Content(mediaType = "application/problem+json"))
    public ThreadListResponse list(@RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String limit) {
        return threads.list(cursor, parseLimit(limit));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a thread (as thread/read)")
    @ApiResponse(responseCode = "200", description = "the thread")
    @ApiResponse(responseCode = "404", description = "thread not found", content = @Content(mediaType = "application/problem+json"))
    public Thread read(@PathVariable String id, @RequestParam(defaultValue = "false") boolean includeTurns) {
        return lanes.call(id, () -> threads.read(id, includeTurns));
    }

    private static @Nullable Integer parseLimit(@Nullable String limit) {
        if (limit == null || limit.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(limit);
        } catch (NumberFormatException e) {
            throw ApiException.invalidParams("invalid value for limit: expected integer");
        }
    }
}
