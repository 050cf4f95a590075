package dev.parley.realtime.upstream;

import dev.parley.protocol.RealtimeEvent;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads parsed events from a session: parser, then ledger, skipping ignored messages. Test support, for tests
 * that need no control between parsing and the ledger; the conversation's input loop drives the parser and the
 * {@link TranscriptLedger} itself, because the V1 delegation grace defers the handoff step. Confined to one
 * reading thread.
 */
public final class RealtimeEventReader {

    private static final Logger log = LoggerFactory.getLogger(RealtimeEventReader.class);

    private final UpstreamSession session;
    private final RealtimeEventParser parser;
    private final TranscriptLedger ledger = new TranscriptLedger();

    public RealtimeEventReader(UpstreamSession session) {
        this.session = session;
        this.parser = RealtimeEventParser.forVersion(session.version());
    }

    /**
     * The next event, waiting as needed. A read failure is returned once as an {@code Error} event
     * ({@code realtime websocket error: …}); end of stream is {@link Optional#empty()}, on this and every
     * later call.
     */
    public Optional<RealtimeEvent> nextEvent() throws InterruptedException {
        while (true) {
            switch (session.take()) {
                case UpstreamInbound.Text(String json, long receivedNanos) -> {
                    Optional<RealtimeEvent> event = parser.parse(json);
                    if (event.isPresent()) {
                        return Optional.of(ledger.apply(event.get()));
                    }
                    log.debug("ignoring an upstream message that maps to no event");
                }
                case UpstreamInbound.Failure(String message) -> {
                    return Optional.of(new RealtimeEvent.Error(message));
                }
                case UpstreamInbound.EndOfStream end -> {
                    return Optional.empty();
                }
            }
        }
    }
}
