package dev.parley.rest;

import dev.parley.error.ParamsBinder;
import dev.parley.protocol.v2.ThreadRealtimeListParams;
import dev.parley.protocol.v2.ThreadRealtimeListResponse;
import dev.parley.realtime.timeline.RealtimeTimelineService;
import dev.parley.thread.ThreadService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/v1/threads/{id}/realtime/items}: {@code thread/realtime/list} over REST ({@code 09} §1, §4), with
 * the same parameters as query parameters, the same JSON answer and the same validation (problem details).
 */
@RestController
@Tag(name = "realtime")
@ApiResponse(responseCode = "401", description = "missing or invalid bearer token",
        content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "403", description = "origin not allowed",
        content = @Content(mediaType = "application/problem+json"))
public class RealtimeTimelineController {

    private static final Set<String> INTEGER_PARAMS = Set.of("fromObservedAtMs", "toObservedAtMs", "afterPosition",
            "limit", "snapshotEnd", "requiredThroughPosition");

    private final RealtimeTimelineService timeline;
    private final ThreadService threads;
    private final ParamsBinder binder;

    public RealtimeTimelineController(RealtimeTimelineService timeline, ThreadService threads, JsonMapper json) {
        this.timeline = timeline;
        this.threads = threads;
        this.binder = new ParamsBinder(json);
    }

    @GetMapping("/api/v1/threads/{id}/realtime/items")
    @Operation(summary = "List the thread's realtime timeline (as thread/realtime/list)")
    @ApiResponse(responseCode = "200", description = "one page; coverage pending (with no data) while what was asked"
            + " for is not stored yet")
    @ApiResponse(responseCode = "400", description = "Invalid params (page size, time range, cursor)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "thread not found",
            content = @Content(mediaType = "application/problem+json"))
    public ThreadRealtimeListResponse list(@PathVariable String id,
            @Parameter(description = "only items of this realtimeSessionId") @RequestParam(required = false)
            @Nullable String sessionId,
            @Parameter(description = "inclusive lower bound of observedAtMs", schema = @Schema(type = "integer",
                    format = "int64")) @RequestParam(required = false) @Nullable String fromObservedAtMs,
            @Parameter(description = "exclusive upper bound of observedAtMs", schema = @Schema(type = "integer",
                    format = "int64")) @RequestParam(required = false) @Nullable String toObservedAtMs,
            @Parameter(description = "observedAt (default) or position", schema = @Schema(allowableValues = {
                    "observedAt", "position"})) @RequestParam(required = false) @Nullable String order,
            @Parameter(description = "only positions greater than this", schema = @Schema(type = "integer",
                    format = "int64")) @RequestParam(required = false) @Nullable String afterPosition,
            @Parameter(description = "exactly this item; pending until it is stored") @RequestParam(required = false)
            @Nullable String eventId,
            @Parameter(description = "nextCursor of the previous page of the same query")
            @RequestParam(required = false) @Nullable String cursor,
            @Parameter(description = "page size, 1 to 500 (default 100)", schema = @Schema(type = "integer",
                    format = "int32")) @RequestParam(required = false) @Nullable String limit,
            @Parameter(description = "exclusive position delimiting the snapshot", schema = @Schema(type = "integer",
                    format = "int64")) @RequestParam(required = false) @Nullable String snapshotEnd,
            @Parameter(description = "pending until the history includes this position", schema = @Schema(
                    type = "integer", format = "int64")) @RequestParam(required = false)
            @Nullable String requiredThroughPosition) {
        ObjectNode params = JsonNodeFactory.instance.objectNode().put("threadId", id);
        put(params, "sessionId", sessionId);
        put(params, "fromObservedAtMs", fromObservedAtMs);
        put(params, "toObservedAtMs", toObservedAtMs);
        put(params, "order", order);
        put(params, "afterPosition", afterPosition);
        put(params, "eventId", eventId);
        put(params, "cursor", cursor);
        put(params, "limit", limit);
        put(params, "snapshotEnd", snapshotEnd);
        put(params, "requiredThroughPosition", requiredThroughPosition);
        ThreadRealtimeListParams bound = binder.bind(params, ThreadRealtimeListParams.class);
        threads.require(id);
        return timeline.list(bound);
    }

    /** Query values are text: integers become JSON numbers, anything else stays a string for the binder to judge. */
    private static void put(ObjectNode params, String name, @Nullable String value) {
        if (value == null) {
            return;
        }
        if (INTEGER_PARAMS.contains(name)) {
            try {
                params.put(name, Long.parseLong(value));
                return;
            } catch (NumberFormatException e) {
                // left as text: the binder answers "invalid value for <name>: expected integer"
            }
        }
        params.put(name, value);
    }
}
