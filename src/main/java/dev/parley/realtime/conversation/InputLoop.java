package dev.parley.realtime.conversation;

import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.protocol.RealtimeEvent;
import dev.parley.realtime.conversation.ConversationInput.ClientAudio;
import dev.parley.realtime.conversation.ConversationInput.ClientText;
import dev.parley.realtime.conversation.ConversationInput.Control;
import dev.parley.realtime.upstream.CredentialRedactor;
import dev.parley.realtime.upstream.RealtimeEventParser;
import dev.parley.realtime.upstream.TranscriptLedger;
import dev.parley.realtime.upstream.UpstreamException;
import dev.parley.realtime.upstream.UpstreamInbound;
import dev.parley.realtime.upstream.UpstreamMessage;
import dev.parley.realtime.upstream.UpstreamSession;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The input loop of one conversation ({@code 04} §5, §6): the only writer to the upstream socket. One
 * iteration handles exactly one item: control first, then the next non-empty source among upstream, client
 * audio, client text and agent reports, round-robin. It owns the parser, ledger, arbiter, output-audio tracker
 * and handoff state, so none of them needs a lock.
 */
final class InputLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(InputLoop.class);

    /** The queues the loop serves after control, round-robin in this order. */
    private enum Source { INBOUND, AUDIO, TEXT, AGENT }

    private static final Source[] SOURCES = Source.values();

    private final Conversation conversation;
    private final UpstreamSession session;
    private final UpstreamWriter writer;
    private final CredentialRedactor redactor;
    private final EventPublication inline;
    private final RealtimeEventParser parser;
    private final @Nullable ResponseCreateArbiter arbiter;
    private final HandoffState handoffs;
    private final EventEffects effects;
    private final @Nullable HandoffGrace grace;
    private Source lastSource = SOURCES[SOURCES.length - 1];
    private boolean running = true;

    /**
     * {@code redactor} masks the connection's credentials in upstream error texts before they are published;
     * {@code inline} publishes an event on the loop's own thread while the publisher is idle.
     */
    InputLoop(Conversation conversation, UpstreamSession session, CredentialRedactor redactor, EventPublication inline) {
        this.conversation = conversation;
        this.inline = inline;
        this.session = session;
        this.redactor = redactor;
        this.writer = session::send;
        this.parser = RealtimeEventParser.forVersion(conversation.version);
        TranscriptLedger ledger = new TranscriptLedger();
        if (conversation.version == RealtimeConversationVersion.V2) {
            this.arbiter = new ResponseCreateArbiter(writer, conversation.counters);
            this.handoffs = new HandoffState(RealtimeConversationVersion.V2, conversation.token, writer, arbiter,
                    conversation.clientManagedHandoffs);
            this.effects = new V2EventEffects(ledger, handoffs, arbiter, new OutputAudioTracker(), writer,
                    conversation.counters);
            this.grace = null;
        } else {
            this.arbiter = null;
            this.handoffs = new HandoffState(RealtimeConversationVersion.V1, conversation.token, writer, null,
                    conversation.clientManagedHandoffs);
            this.grace = new HandoffGrace(conversation.v1HandoffGrace, ledger);
            this.effects = new V1EventEffects(ledger, handoffs, grace);
        }
    }

    @Override
    public void run() {
        MDC.put("threadId", conversation.threadId);
        try {
            while (running) {
                iterate();
            }
        } catch (InterruptedException e) {
            // Shutdown: leave no socket behind; the publisher still gets its End if there is room.
            conversation.beginClosing(EndReason.ERROR);
            session.close();
            conversation.offerEvent(new ConversationOutput.End());
        } finally {
            MDC.remove("threadId");
        }
    }

    private void iterate() throws InterruptedException {
        try {
            Control control = conversation.control.poll();
            if (control != null) {
                handleControl(control);
                return;
            }
            if (grace != null && grace.isOpen() && grace.remainingNanos(System.nanoTime()) <= 0) {
                closeGrace();
                return;
            }
            for (int step = 1; step <= SOURCES.length; step++) {
                Source source = SOURCES[(lastSource.ordinal() + step) % SOURCES.length];
                if (serve(source)) {
                    lastSource = source;
                    return;
                }
            }
            if (grace != null && grace.isOpen()) {
                conversation.wake.tryAcquire(grace.remainingNanos(System.nanoTime()), TimeUnit.NANOSECONDS);
            } else {
                conversation.wake.acquire();
            }
            conversation.wake.drainPermits();
        } catch (UpstreamException.Closed e) {
            finish(EndReason.TRANSPORT_CLOSED, null);
        } catch (UpstreamException e) {
            finish(EndReason.ERROR, e.getMessage());
        }
    }

    /** Handles the source's next item; {@code false} when its queue is empty. */
    private boolean serve(Source source) throws UpstreamException, InterruptedException {
        return switch (source) {
            case INBOUND -> serveInbound();
            case AUDIO -> serveAudio();
            case TEXT -> serveText();
            case AGENT -> serveAgent();
        };
    }

    private boolean serveInbound() throws UpstreamException, InterruptedException {
        Optional<UpstreamInbound> inbound = session.poll();
        if (inbound.isEmpty()) {
            return false;
        }
        handleInbound(inbound.get());
        return true;
    }

    private boolean serveAudio() throws UpstreamException, InterruptedException {
        ClientAudio audio = conversation.audioIn.poll();
        if (audio == null) {
            return false;
        }
        if (conversation.audioStale(audio.queuedNanos())) {
            conversation.counters.audioInDropped();
            return true;
        }
        writer.send(new UpstreamMessage.AudioAppend(audio.data()));
        return true;
    }

    private boolean serveText() throws UpstreamException, InterruptedException {
        ClientText text = conversation.textIn.poll();
        if (text == null) {
            return false;
        }
        handleText(text);
        return true;
    }

    private boolean serveAgent() throws UpstreamException, InterruptedException {
        AgentReport report = conversation.agentIn.poll();
        if (report == null) {
            return false;
        }
        switch (report) {
            case AgentReport.AgentMessage message -> handoffs.onAgentMessage(message);
            case AgentReport.TurnEnded ended -> handoffs.onTurnEnded(ended);
        }
        return true;
    }

    private void handleControl(Control control) throws UpstreamException, InterruptedException {
        switch (control) {
            case Control.Stop stop -> finish(stop.reason(), null);
            case Control.NotRouted notRouted -> handoffs.onNotRouted(notRouted.handoffId());
        }
    }

    private void handleInbound(UpstreamInbound inbound) throws UpstreamException, InterruptedException {
        switch (inbound) {
            case UpstreamInbound.Text text -> handleMessage(text.json(), text.receivedNanos());
            case UpstreamInbound.EndOfStream end -> finish(EndReason.TRANSPORT_CLOSED, null);
            case UpstreamInbound.Failure failure -> finish(EndReason.ERROR, failure.message());
        }
    }

    private void handleMessage(String json, long receivedNanos) throws UpstreamException, InterruptedException {
        Optional<RealtimeEvent> parsed = parser.parse(json);
        if (parsed.isEmpty()) {
            return;
        }
        RealtimeEvent event = parsed.get();
        conversation.counters.upstreamEvent();
        if (event instanceof RealtimeEvent.AudioOut) {
            conversation.counters.audioOut();
            if (conversation.audioStale(receivedNanos)) {
                // overload: output audio too old to be worth relaying is shed and counted, before it costs a
                // notification and a client write; nothing but audio deltas is ever shed (04 §4)
                conversation.counters.audioOutDropped();
                return;
            }
        }
        if (grace != null && grace.isOpen() && event instanceof RealtimeEvent.HandoffRequested) {
            // the next V1 handoff closes the open grace first (04 §10 rule 3)
            closeGrace();
        }
        EventEffects.Step step = effects.apply(event);
        switch (step.disposition()) {
            case PUBLISH -> publish(new ConversationOutput.Publish(redacted(step.event())));
            case PUBLISH_NON_FATAL -> publish(new ConversationOutput.Publish(redacted(step.event()), true));
            case PUBLISH_THEN_END -> {
                publish(new ConversationOutput.Publish(redacted(step.event())));
                finish(EndReason.ERROR, null);
            }
            case HOLD -> {
                // a V1 handoff held by the delegation grace is published when the grace closes
            }
        }
    }

    /**
     * Hands one event to the subscribers. When the publisher has nothing queued or in hand, output audio is
     * published right here (no thread hop on the output-audio path; publishing audio only enqueues, it never
     * waits for a client or the store). Everything else goes through the publisher, in order: handoffs are
     * routed there and transcripts feed the timeline, whose writes this loop must never wait for. Output audio
     * that finds the queue full is shed and counted rather than stalling the loop, so a backlog cannot starve
     * the input side.
     */
    private void publish(ConversationOutput.Publish item) throws InterruptedException {
        boolean audio = item.event() instanceof RealtimeEvent.AudioOut;
        if (audio && conversation.publisherIdle()) {
            inline.publish(item.event(), item.nonFatalConflict());
            return;
        }
        if (audio) {
            if (!conversation.offerEvent(item)) {
                conversation.counters.audioOutDropped();
            }
        } else {
            conversation.putEvent(item);
        }
    }

    /** An upstream error may quote the key it rejected: mask it before it reaches anyone. */
    private RealtimeEvent redacted(RealtimeEvent event) {
        return event instanceof RealtimeEvent.Error error ? new RealtimeEvent.Error(redactor.redact(error.message()))
                : event;
    }

    /** Publishes the handoff held by the grace; the publisher routes it before it is published. */
    private void closeGrace() throws InterruptedException {
        conversation.putEvent(new ConversationOutput.Publish(grace.close()));
    }

    private void handleText(ClientText text) throws UpstreamException, InterruptedException {
        RealtimeConversationVersion version = conversation.version;
        switch (text) {
            case ClientText.Text item -> {
                writer.send(UpstreamMessage.TextItem.appendText(version, item.role(), item.text()));
                if (item.createResponse()) {
                    if (arbiter != null) {
                        arbiter.request("appendText");
                    } else {
                        log.debug("createResponse ignored: V1 has no response lifecycle");
                    }
                }
            }
            case ClientText.Speech speech -> {
                if (arbiter == null) {
                    writer.send(UpstreamMessage.HandoffAppend.speech(speech.text()));
                } else {
                    writer.send(UpstreamMessage.TextItem.backend(speech.text()));
                    arbiter.request("appendSpeech");
                }
            }
        }
    }

    /**
     * Ends the loop ({@code 04} §6.8): the first reason wins; a transport failure is published as an
     * {@code Error} event first; the upstream gets its Close frame; queued input is discarded with the arbiter
     * (a pending create never fires on a closed connection); {@code End} goes last to the publisher.
     */
    private void finish(EndReason reason, @Nullable String failure) throws InterruptedException {
        EndReason winner = conversation.beginClosing(reason);
        if (grace != null && grace.isOpen()) {
            // a held V1 handoff is routed and published before closed (04 §6.8 step 2)
            closeGrace();
        }
        if (failure != null) {
            conversation.putEvent(new ConversationOutput.Publish(new RealtimeEvent.Error(redactor.redact(failure))));
        }
        log.info("realtime conversation ending: {}", winner.wireName());
        session.close();
        conversation.audioIn.clear();
        conversation.textIn.clear();
        conversation.agentIn.clear();
        conversation.putEvent(new ConversationOutput.End());
        running = false;
    }
}
