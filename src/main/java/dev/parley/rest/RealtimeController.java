package dev.parley.rest;

import dev.parley.error.ApiException;
import dev.parley.error.ErrorKind;
import dev.parley.error.ParamsBinder;
import dev.parley.protocol.RealtimeVoicesList;
import dev.parley.protocol.v2.ThreadRealtimeStartParams;
import dev.parley.realtime.conversation.RealtimeConversationManager;
import dev.parley.realtime.conversation.PreparedStart;
import dev.parley.realtime.conversation.RealtimeState;
import dev.parley.thread.ThreadLanes;
import dev.parley.thread.ThreadService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Realtime over REST ({@code 02} §8): the same manager, FIFO lanes, validation and notifications as
 * {@code thread/realtime/*}; REST never subscribes anyone. Preflight failures are answered synchronously
 * with 422; everything after the preflight (replace, connect) happens after the 202.
 */
@RestController
@Tag(name = "realtime")
@ApiResponse(responseCode = "401", description = "missing or invalid bearer token",
        content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "403", description = "origin not allowed",
        content = @Content(mediaType = "application/problem+json"))
public class RealtimeController {

    private static final Logger log = LoggerFactory.getLogger(RealtimeController.class);

    private final RealtimeConversationManager manager;
    private final ThreadService threads;
    private final ThreadLanes lanes;
    private final ParamsBinder binder;
    private final JsonMapper json;
    private final JsonBodyReader bodies;

    RealtimeController(RealtimeConversationManager manager, ThreadService threads, ThreadLanes lanes,
            JsonMapper json, JsonBodyReader bodies) {
        this.manager = manager;
        this.threads = threads;
        this.lanes = lanes;
        this.binder = new ParamsBinder(json);
        this.json = json;
        this.bodies = bodies;
    }

    @PostMapping("/api/v1/threads/{id}/realtime")
    @Operation(summary = "Start a realtime conversation (as thread/realtime/start); a running one is replaced",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(description =
                    "ThreadRealtimeStartParams; a threadId in the body is ignored",
                    content = @Content(schema = @Schema(implementation = ThreadRealtimeStartParams.class))))
    @ApiResponse(responseCode = "202", description = "accepted; connect failures follow as thread/realtime/error")
    @ApiResponse(responseCode = "400", description = "Parse error or Invalid params",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "thread not found",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "422", description = "preflight failure (also sent as thread/realtime/error)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "the server runs parley.realtime.max-conversations already",
            content = @Content(mediaType = "application/problem+json"))
    public ResponseEntity<Void> start(@PathVariable String id, @RequestBody(required = false) byte @Nullable [] body) {
        ObjectNode params = parseObject(body);
        params.put("threadId", id);
        ThreadRealtimeStartParams start = binder.bind(params, ThreadRealtimeStartParams.class);
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        lanes.submit(id, () -> {
            Runnable admitted = null;
            try {
                admitted = manager.admit(id);
                PreparedStart prepared = manager.prepareStart(threads.require(id), start);
                // REST answers a preflight failure synchronously (422) and still notifies the subscribers
                if (prepared instanceof PreparedStart.Refused refused) {
                    accepted.completeExceptionally(new ApiException(ErrorKind.PREFLIGHT, refused.message()));
                } else {
                    accepted.complete(null);
                }
                // REST starts belong to no connection: only the server-wide place is given back
                Runnable server = admitted;
                admitted = null;
                manager.carryOut(prepared, server);
            } catch (RuntimeException e) {
                if (admitted != null) {
                    admitted.run();
                }
                accepted.completeExceptionally(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("realtime start interrupted");
            }
            return CompletableFuture.completedFuture(null);
        });
        ThreadLanes.join(accepted);
        return ResponseEntity.accepted().location(URI.create("/api/v1/threads/" + id + "/realtime")).build();
    }

    @DeleteMapping("/api/v1/threads/{id}/realtime")
    @Operation(summary = "Stop the realtime conversation (as thread/realtime/stop); closed{requested} is always sent")
    @ApiResponse(responseCode = "202", description = "accepted")
    @ApiResponse(responseCode = "404", description = "thread not found",
            content = @Content(mediaType = "application/problem+json"))
    public ResponseEntity<Void> stop(@PathVariable String id) {
        threads.require(id);
        lanes.submit(id, () -> {
            try {
                manager.stop(id);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CompletableFuture.completedFuture(null);
        });
        return ResponseEntity.accepted().build();
    }

    /** Read without waiting in the thread's FIFO, so a connect in progress shows as {@code connecting}. */
    @GetMapping("/api/v1/threads/{id}/realtime")
    @Operation(summary = "The thread's realtime state and the counters of its current or last conversation")
    @ApiResponse(responseCode = "200", description = "the state")
    @ApiResponse(responseCode = "404", description = "thread not found",
            content = @Content(mediaType = "application/problem+json"))
    public RealtimeState state(@PathVariable String id) {
        threads.require(id);
        return manager.state(id);
    }

    @GetMapping("/api/v1/realtime/voices")
    @Operation(summary = "The realtime voices per version (as thread/realtime/listVoices, unwrapped)")
    @ApiResponse(responseCode = "200", description = "the voices")
    public RealtimeVoicesList voices() {
        return RealtimeVoicesList.standard();
    }

    private ObjectNode parseObject(byte @Nullable [] body) {
        JsonNode node = bodies.read(body);
        if (node == null) {
            return json.createObjectNode();
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.invalidParams("params must be an object");
        }
        return object;
    }
}
