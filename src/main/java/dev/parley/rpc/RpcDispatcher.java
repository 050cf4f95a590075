package dev.parley.rpc;

import dev.parley.error.ApiException;
import dev.parley.error.ParamsBinder;
import dev.parley.protocol.ClientInfo;
import dev.parley.protocol.InitializeParams;
import dev.parley.protocol.InitializeResponse;
import dev.parley.protocol.v2.ProtocolRegistry;
import dev.parley.protocol.v2.ThreadRealtimeAppendAudioParams;
import dev.parley.thread.SubscriptionRegistry;
import dev.parley.thread.ThreadLanes;
import dev.parley.thread.ThreadService;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Classifies and dispatches the inbound messages of a connection, one at a time in arrival order
 * (02 §2.4): framing errors, the handshake, method lookup, params binding, then the method's execution
 * scope. Every outcome leaves the connection open.
 */
public final class RpcDispatcher {

    private static final Logger log = LoggerFactory.getLogger(RpcDispatcher.class);

    private final JsonMapper json;
    private final RpcMessages messages;
    private final ParamsBinder binder;
    private final RpcMethodTable table;
    private final ThreadLanes lanes;
    private final ThreadService threads;
    private final SubscriptionRegistry subscriptions;
    private final Executor executor;
    private final int maxInFlight;
    private final AppendAudioReader appendAudio;

    public RpcDispatcher(JsonMapper json, RpcMessages messages, RpcMethodTable table, ThreadLanes lanes,
            ThreadService threads, SubscriptionRegistry subscriptions, Executor executor, int maxInFlight) {
        this.json = json;
        this.messages = messages;
        this.binder = new ParamsBinder(json);
        this.table = table;
        this.lanes = lanes;
        this.threads = threads;
        this.subscriptions = subscriptions;
        this.executor = executor;
        this.maxInFlight = maxInFlight;
        this.appendAudio = new AppendAudioReader(json);
    }

    /** Answers a message that exceeded the size limit (02 §2.2). */
    void oversized(RpcConnection connection, int limit) {
        invalidRequest(connection, null, "Invalid request: message exceeds " + limit + " bytes");
    }

    /** Dispatches one complete text message. */
    void dispatch(RpcConnection connection, String text) {
        // most messages are audio frames: those skip the JSON tree and the params binding
        AppendAudioReader.Call audio = appendAudio.read(text);
        if (audio != null && appendAudio(connection, audio)) {
            return;
        }
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JacksonException e) {
            connection.send(messages.error(null, RpcErrorCodes.PARSE_ERROR, "Parse error", null));
            return;
        }
        if (message == null || message.isMissingNode()) {
            connection.send(messages.error(null, RpcErrorCodes.PARSE_ERROR, "Parse error", null));
            return;
        }
        if (message.isArray()) {
            invalidRequest(connection, null, "Invalid request: batch requests are not supported");
            return;
        }
        if (!message.isObject()) {
            invalidRequest(connection, null, "Invalid request: expected a JSON object");
            return;
        }
        JsonNode id = message.get("id");
        if (id != null && !isValidId(id)) {
            invalidRequest(connection, null, "Invalid request: id must be a string or an integer");
            return;
        }
        JsonNode method = message.get("method");
        if (method != null && !method.isString()) {
            invalidRequest(connection, id, "Invalid request: method must be a string");
            return;
        }
        if (method == null) {
            if (id != null && (message.has("result") || message.has("error"))) {
                log.warn("connection {} sent a response or error; Parley sends no requests, ignoring it", connection.id());
            } else {
                invalidRequest(connection, id, "Invalid request: missing method");
            }
            return;
        }
        if (id == null) {
            notification(connection, method.asString(), message.get("params"));
        } else {
            request(connection, id, method.asString(), message.get("params"));
        }
    }

    private void notification(RpcConnection connection, String method, @Nullable JsonNode params) {
        if (ProtocolRegistry.INITIALIZED.method().equals(method)) {
            log.debug("connection {} sent initialized", connection.id());
            return;
        }
        if (!ProtocolRegistry.APPEND_AUDIO_NOTIFICATION.method().equals(method)) {
            log.warn("connection {} sent unknown notification {}; ignoring it", connection.id(), method);
            return;
        }
        if (!connection.isInitialized()) {
            log.warn("connection {} sent {} before initialize; dropping it", connection.id(), method);
            return;
        }
        String threadId = readThreadId(params);
        RequestContext context = new RequestContext(connection, null, method, threadId, messages);
        table.find(method).ifPresentOrElse(
                entry -> execute(entry, params, context, threadId),
                () -> log.warn("connection {} sent {}, which this server does not serve; ignoring it", connection.id(), method));
    }

    private void request(RpcConnection connection, JsonNode id, String method, @Nullable JsonNode params) {
        if (ProtocolRegistry.INITIALIZE.method().equals(method)) {
            initialize(connection, id, params);
            return;
        }
        if (!connection.isInitialized()) {
            invalidRequest(connection, id, RpcErrorCodes.NOT_INITIALIZED);
            return;
        }
        RpcMethodTable.Entry<?> entry = table.find(method).orElse(null);
        if (entry == null) {
            connection.send(messages.error(id, RpcErrorCodes.METHOD_NOT_FOUND, "Method not found: " + method, null));
            return;
        }
        if (!connection.tryAcquireRequest(maxInFlight)) {
            connection.send(messages.error(id, RpcErrorCodes.OVERLOADED, ApiException.overloaded().getMessage(), null));
            return;
        }
        String threadId = readThreadId(params);
        execute(entry, params, new RequestContext(connection, id, method, threadId, messages), threadId);
    }

    /**
     * Executes a plain {@code appendAudio} call read by {@link AppendAudioReader}: the same steps as
     * {@link #notification} and {@link #request} with the params already bound. Returns {@code false}, having
     * done nothing, when the call needs the general path (its warnings and errors live there).
     */
    private boolean appendAudio(RpcConnection connection, AppendAudioReader.Call call) {
        if (!connection.isInitialized()) {
            return false;
        }
        String method = ProtocolRegistry.APPEND_AUDIO_NOTIFICATION.method();
        RpcMethodTable.Entry<?> found = table.find(method).orElse(null);
        if (found == null || found.method().params() != ThreadRealtimeAppendAudioParams.class) {
            return false;
        }
        @SuppressWarnings("unchecked")
        RpcMethodTable.Entry<ThreadRealtimeAppendAudioParams> entry =
                (RpcMethodTable.Entry<ThreadRealtimeAppendAudioParams>) found;
        if (call.id() != null && !connection.tryAcquireRequest(maxInFlight)) {
            connection.send(messages.error(call.id(), RpcErrorCodes.OVERLOADED, ApiException.overloaded().getMessage(), null));
            return true;
        }
        String threadId = call.params().threadId();
        schedule(entry, call.params(), new RequestContext(connection, call.id(), method, threadId, messages), threadId);
        return true;
    }

    private <P extends Record> void execute(RpcMethodTable.Entry<P> entry, @Nullable JsonNode rawParams,
            RequestContext context, @Nullable String threadId) {
        P params;
        try {
            params = binder.bind(rawParams, entry.method().params());
        } catch (ApiException e) {
            context.fail(e);
            return;
        }
        schedule(entry, params, context, threadId);
    }

    private <P extends Record> void schedule(RpcMethodTable.Entry<P> entry, P params, RequestContext context,
            @Nullable String threadId) {
        if (!entry.scope().threadScoped()) {
            executor.execute(() -> run(entry, params, context));
            return;
        }
        // bound params of every thread-scoped method carry a string threadId
        String lane = threadId;
        boolean subscribe = entry.scope().subscribes();
        ThreadLanes.Operation operation = () -> {
            if (!threads.exists(lane)) {
                context.fail(ApiException.threadNotFound(lane));
            } else {
                if (subscribe) {
                    subscriptions.subscribe(lane, context.connectionId());
                }
                run(entry, params, context);
            }
            return CompletableFuture.completedFuture(null);
        };
        try {
            if (entry.scope() == RpcScope.THREAD_QUICK) {
                lanes.submitInline(lane, operation);
            } else {
                lanes.submit(lane, operation);
            }
        } catch (ApiException overloaded) {
            entry.shed().accept(lane);
            context.fail(overloaded);
        }
    }

    private <P extends Record> void run(RpcMethodTable.Entry<P> entry, P params, RequestContext context) {
        try {
            Record result = entry.handler().handle(params, context);
            if (result != null) {
                context.respond(result);
            } else if (!context.isSettled()) {
                context.fail(new IllegalStateException(entry.method().method() + " handler returned no answer"));
            }
        } catch (Exception | Error e) {
            context.fail(e);
        }
    }

    private void initialize(RpcConnection connection, JsonNode id, @Nullable JsonNode rawParams) {
        if (connection.isInitialized()) {
            invalidRequest(connection, id, RpcErrorCodes.ALREADY_INITIALIZED);
            return;
        }
        InitializeParams params;
        try {
            params = binder.bind(rawParams, InitializeParams.class);
            if (params.clientInfo().name().isBlank()) {
                throw ApiException.invalidParams("clientInfo.name must not be blank");
            }
        } catch (ApiException e) {
            connection.send(messages.error(id, RpcErrorCodes.INVALID_PARAMS, e.getMessage(), null));
            return;
        }
        InitializeResponse response = initializeResponse(params.clientInfo());
        if (!connection.initialize(params.capabilities(), () -> connection.send(messages.response(id, response)))) {
            invalidRequest(connection, id, RpcErrorCodes.ALREADY_INITIALIZED);
        }
    }

    private InitializeResponse initializeResponse(ClientInfo client) {
        String osName = System.getProperty("os.name", "unknown");
        String userAgent = client.name() + "/" + threads.version() + " (" + osName + " "
                + System.getProperty("os.version", "") + "; " + System.getProperty("os.arch", "") + ") parley-server";
        String lower = osName.toLowerCase(Locale.ROOT);
        String family = lower.startsWith("windows") ? "windows" : "unix";
        String os = lower.startsWith("linux") ? "linux"
                : lower.startsWith("mac") ? "macos"
                : lower.startsWith("windows") ? "windows"
                : lower.replace(" ", "");
        return new InitializeResponse(userAgent, family, os);
    }

    private void invalidRequest(RpcConnection connection, @Nullable JsonNode id, String message) {
        connection.send(messages.error(id, RpcErrorCodes.INVALID_REQUEST, message, null));
    }

    private static boolean isValidId(JsonNode id) {
        return id.isString() || (id.isIntegralNumber() && id.canConvertToLong());
    }

    private static @Nullable String readThreadId(@Nullable JsonNode params) {
        JsonNode threadId = params == null ? null : params.get("threadId");
        return threadId != null && threadId.isString() ? threadId.asString() : null;
    }
}
