package dev.parley.rpc;

import org.jspecify.annotations.Nullable;

/**
 * Handles one JSON-RPC method.
 *
 * @param <P> the params record
 */
@FunctionalInterface
public interface RpcHandler<P extends Record> {

    /**
     * Handles a request (or a notification-form call, where {@link RequestContext#isNotification()}).
     *
     * @return the result, answered at once; or {@code null} when the handler answered through
     *     {@link RequestContext#respond} itself or deferred the answer with {@link RequestContext#defer()}
     * @throws dev.parley.error.ApiException for errors meant for the client; anything else is an internal error
     */
    @Nullable Record handle(P params, RequestContext context) throws Exception;
}
