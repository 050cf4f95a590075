package dev.parley.realtime.conversation;

import dev.parley.realtime.upstream.UpstreamException;
import dev.parley.realtime.upstream.UpstreamMessage;

/** The input loop's single upstream writer; the loop-confined collaborators write through it. */
@FunctionalInterface
interface UpstreamWriter {

    /** Writes one message and waits until it is handed to the socket. */
    void send(UpstreamMessage message) throws UpstreamException, InterruptedException;
}
