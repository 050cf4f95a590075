package dev.parley.realtime.conversation;

import static dev.parley.realtime.conversation.RealtimeFixtures.v1Handoff;
import static dev.parley.realtime.conversation.RealtimeFixtures.v2Audio;
import static dev.parley.realtime.conversation.RealtimeFixtures.v2Call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ConversationTextRole;
import dev.parley.protocol.v2.ProtocolRegistry.NotificationMethod;
import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.protocol.RealtimeEvent;
import dev.parley.protocol.v2.ThreadRealtimeEventNotification;
import dev.parley.protocol.v2.TurnStatus;
import dev.parley.realtime.conversation.ConversationInput.ClientText;
import dev.parley.realtime.conversation.ConversationInput.Control;
import dev.parley.realtime.timeline.InMemoryRealtimeTimelineStore;
import dev.parley.realtime.upstream.CredentialRedactor;
import dev.parley.realtime.upstream.UpstreamInbound;
import dev.parley.realtime.upstream.UpstreamMessage;
import dev.parley.realtime.upstream.UpstreamMessage.FunctionCallOutput;
import dev.parley.thread.NotificationPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code 07} §3.15: the input loop against an in-memory upstream and a fake router, no sockets. */
class InputLoopHarnessTest {

    private final List<Record> published = new CopyOnWriteArrayList<>();
    private final ScriptedHandoffRouter router = new ScriptedHandoffRouter();
    private final CountDownLatch ended = new CountDownLatch(1);
    private Conversation conversation;
    private InMemoryUpstream upstream;

    private void create(RealtimeConversationVersion version) {
        create(version, Duration.ZERO);
    }

    private final NotificationPublisher recorder = new NotificationPublisher() {
        @Override
        public <P extends Record> void broadcast(NotificationMethod<P> method, P params) {
            published.add(params);
        }

        @Override
        public <P extends Record> void toSubscribers(String threadId, NotificationMethod<P> method, P params) {
            published.add(params);
        }
    };

    private void create(RealtimeConversationVersion version, Duration v1HandoffGrace) {
        create(version, v1HandoffGrace, Duration.ZERO);
    }

    private void create(RealtimeConversationVersion version, Duration v1HandoffGrace, Duration audioMaxDelay) {
        conversation = new Conversation("T", version, "T", new ConversationCounters(
                new ConversationMetrics(new SimpleMeterRegistry(), () -> 0).meters(version)), v1HandoffGrace,
                audioMaxDelay,
                new ConversationTimeline("T", "T", new InMemoryRealtimeTimelineStore(), recorder,
                        java.time.Clock.systemUTC()), false);
        upstream = new InMemoryUpstream(version, conversation.wake::release);
    }

    private void run() {
        RealtimeNotifications notifications = new RealtimeNotifications(recorder, (t, m) -> { });
        Thread.ofVirtual().start(new ConversationPublisher(conversation, router, notifications,
                c -> ended.countDown()));
        Thread.ofVirtual().start(new InputLoop(conversation, upstream, CredentialRedactor.NONE,
                (event, conflict) -> notifications.publish(conversation.threadId, conversation.timeline, event,
                        conflict)));
    }

    private void start(RealtimeConversationVersion version) {
        create(version);
        run();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (conversation != null) {
            upstream.release();
            conversation.beginClosing(EndReason.REQUESTED);
            conversation.control(new Control.Stop(EndReason.REQUESTED));
            assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    private List<RealtimeEvent> events() {
        return published.stream().filter(ThreadRealtimeEventNotification.class::isInstance)
                .map(p -> ((ThreadRealtimeEventNotification) p).event()).toList();
    }

    private void awaitEvents(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (events().size() < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(events()).hasSizeGreaterThanOrEqualTo(count);
    }

    /**
     * A marker round trip: once every source is drained, the loop has taken every earlier item; it handles one
     * item at a time, so when the marker is written everything before it has been handled.
     */
    private List<UpstreamMessage> settle() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(conversation.agentIn.isEmpty() && conversation.textIn.isEmpty() && conversation.audioIn.isEmpty()
                && conversation.control.isEmpty() && upstream.inboundDrained()) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(2);
        }
        int before = upstream.sent.size();
        conversation.offerText(new ClientText.Text(ConversationTextRole.DEVELOPER, "marker", false));
        List<UpstreamMessage> sent = upstream.awaitSent(before + 1);
        assertThat(sent.getLast()).isEqualTo(new UpstreamMessage.TextItem(ConversationTextRole.DEVELOPER, "marker"));
        return sent.subList(0, sent.size() - 1);
    }

    private HandoffTag routedCall1() throws InterruptedException {
        router.answer(new HandoffRouter.RouteResult.Started("turn-1", "item-1"));
        upstream.feed(v2Call("call_1", "item_1", "x"));
        awaitEvents(1);
        return router.tag("call_1");
    }

    @Test
    void loop01_staleProgressIsNotWritten() throws Exception {
        start(RealtimeConversationVersion.V2);
        HandoffTag tag = routedCall1();
        HandoffTag other = new HandoffTag(new ConversationToken("T"), "call_1");
        conversation.putAgentReport(new AgentReport.AgentMessage("turn-1", Set.of(), "a"));
        conversation.putAgentReport(new AgentReport.AgentMessage("turn-1", Set.of(other), "b"));
        conversation.putAgentReport(new AgentReport.AgentMessage("turn-1", Set.of(tag), "c"));
        assertThat(settle()).containsExactly(UpstreamMessage.TextItem.backend("c"));
    }

    @Test
    void loop02_onlyTheTaggedTurnEndFinalises() throws Exception {
        start(RealtimeConversationVersion.V2);
        HandoffTag tag = routedCall1();
        conversation.putAgentReport(new AgentReport.AgentMessage("turn-1", Set.of(tag), "c"));
        conversation.putAgentReport(new AgentReport.TurnEnded("turn-0", TurnStatus.COMPLETED, Set.of()));
        conversation.putAgentReport(new AgentReport.TurnEnded("turn-2", TurnStatus.COMPLETED,
                Set.of(new HandoffTag(tag.token(), "call_x"))));
        assertThat(settle()).containsExactly(UpstreamMessage.TextItem.backend("c"));
        conversation.putAgentReport(new AgentReport.TurnEnded("turn-1", TurnStatus.COMPLETED, Set.of(tag)));
        assertThat(settle()).endsWith(new FunctionCallOutput("call_1", FunctionCallOutput.AGENT_FINISHED),
                new UpstreamMessage.ResponseCreate());
    }

    @Test
    void loop03_notRoutedForAnotherCallWritesNothing() throws Exception {
        start(RealtimeConversationVersion.V2);
        routedCall1();
        conversation.control(new Control.NotRouted("call_9"));
        assertThat(settle()).isEmpty();
    }

    @Test
    void loop04_v1TurnEndClearsTheHandoff() throws Exception {
        start(RealtimeConversationVersion.V1);
        router.answer(new HandoffRouter.RouteResult.Started("turn-1", "item-1"));
        upstream.feed(v1Handoff("h1", "i1", "do it"));
        awaitEvents(1);
        HandoffTag tag = router.tag("h1");
        conversation.putAgentReport(new AgentReport.TurnEnded("turn-1", TurnStatus.COMPLETED, Set.of(tag)));
        conversation.putAgentReport(new AgentReport.AgentMessage("turn-1", Set.of(tag), "late"));
        assertThat(settle()).isEmpty();
    }

    @Test
    void loop05_fullAudioQueueDropsAndCounts() throws Exception {
        start(RealtimeConversationVersion.V2);
        upstream.hold();
        conversation.offerAudio("frame-0");
        assertThat(upstream.awaitSendPending()).isTrue();
        for (int i = 1; i < 300; i++) {
            conversation.offerAudio("frame-" + i);
        }
        RealtimeCounters counters = conversation.counters.snapshot();
        assertThat(counters.audioInFrames()).isEqualTo(257);
        assertThat(counters.audioInDropped()).isEqualTo(43);
        upstream.release();
        List<UpstreamMessage> sent = upstream.awaitSent(257);
        assertThat(sent).hasSize(257);
        for (int i = 0; i < 257; i++) {
            assertThat(sent.get(i)).isEqualTo(new UpstreamMessage.AudioAppend("frame-" + i));
        }
    }

    @Test
    void outputAudioBehindAStuckPublisherIsShedAndCountedWhileInputFlows() throws Exception {
        start(RealtimeConversationVersion.V2);
        router.hold();
        upstream.feed(v2Call("call_1", "item_1", "x"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (router.routed.isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(2);
        }
        assertThat(router.routed).as("the publisher is stuck routing the handoff").hasSize(1);
        for (int i = 0; i < Conversation.EVENTS_CAPACITY + 44; i++) {
            upstream.feed(v2Audio("item_out", 480));
        }
        for (int i = 0; i < 10; i++) {
            conversation.offerAudio("frame-" + i);
        }
        // the loop is not stalled: the client's audio still goes up while output audio backs up
        assertThat(settle()).hasSize(10);
        RealtimeCounters counters = conversation.counters.snapshot();
        assertThat(counters.audioOutFrames()).isEqualTo(Conversation.EVENTS_CAPACITY + 44);
        assertThat(counters.audioOutDropped()).isEqualTo(44);
        assertThat(counters.audioInDropped()).isZero();
        router.release();
        awaitEvents(1 + Conversation.EVENTS_CAPACITY);
        assertThat(events().getFirst()).isInstanceOf(RealtimeEvent.HandoffRequested.class);
        assertThat(events().subList(1, events().size())).hasSize(Conversation.EVENTS_CAPACITY)
                .allMatch(RealtimeEvent.AudioOut.class::isInstance);
    }

    /**
     * Overload ({@code 04} §4): audio that waited longer than the bound is shed and counted, in both directions;
     * fresher audio and every other event pass. The stamps are set explicitly, far on either side of the bound,
     * so no scheduling delay can move a frame across it.
     */
    @Test
    void staleAudioIsShedAndCountedInBothDirectionsAndNothingElse() throws Exception {
        create(RealtimeConversationVersion.V2, Duration.ZERO, Duration.ofSeconds(1));
        long old = System.nanoTime() - TimeUnit.SECONDS.toNanos(60);
        long fresh = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
        conversation.audioIn.add(new ConversationInput.ClientAudio("stale-in", old));
        conversation.audioIn.add(new ConversationInput.ClientAudio("fresh-in", fresh));
        upstream.feed(new UpstreamInbound.Text(RealtimeFixtures.created("resp_1"), old));
        upstream.feed(new UpstreamInbound.Text(v2Audio("stale_out", 480), old));
        upstream.feed(new UpstreamInbound.Text(
                "{\"type\":\"response.output_audio_transcript.delta\",\"item_id\":\"i\",\"delta\":\"hi\"}", old));
        upstream.feed(new UpstreamInbound.Text(v2Audio("fresh_out", 480), fresh));
        upstream.feed(new UpstreamInbound.Text(RealtimeFixtures.done("resp_1"), old));
        run();
        assertThat(settle()).containsExactly(new UpstreamMessage.AudioAppend("fresh-in"));
        awaitEvents(4);
        assertThat(events()).hasSize(4);
        assertThat(events().get(0)).isInstanceOf(RealtimeEvent.ResponseCreated.class);
        assertThat(events().get(1)).isInstanceOf(RealtimeEvent.OutputTranscriptDelta.class);
        assertThat(events().get(2)).isInstanceOfSatisfying(RealtimeEvent.AudioOut.class,
                audio -> assertThat(audio.payload().itemId()).isEqualTo("fresh_out"));
        assertThat(events().get(3)).isInstanceOf(RealtimeEvent.ResponseDone.class);
        RealtimeCounters counters = conversation.counters.snapshot();
        assertThat(counters.audioInDropped()).isEqualTo(1);
        assertThat(counters.audioOutFrames()).isEqualTo(2);
        assertThat(counters.audioOutDropped()).isEqualTo(1);
    }

    @Test
    void eventsArePublishedInOrderWhetherInlineOrQueued() throws Exception {
        start(RealtimeConversationVersion.V2);
        router.answer(new HandoffRouter.RouteResult.Started("turn-1", "item-1"));
        for (int i = 0; i < 50; i++) {
            upstream.feed(v2Audio("item_" + i, 480));
            if (i % 10 == 0) {
                upstream.feed(v2Call("call_" + i, "item_c" + i, "x"));
            }
        }
        awaitEvents(55);
        List<String> order = events().stream().map(event -> switch (event) {
            case RealtimeEvent.AudioOut audio -> audio.payload().itemId();
            case RealtimeEvent.HandoffRequested handoff -> handoff.payload().handoffId();
            default -> "other";
        }).toList();
        java.util.ArrayList<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add("item_" + i);
            if (i % 10 == 0) {
                expected.add("call_" + i);
            }
        }
        assertThat(order).containsExactlyElementsOf(expected);
    }

    @Test
    void loop06_textIsServedFairlyBetweenQueuedAudio() throws Exception {
        create(RealtimeConversationVersion.V2);
        for (int i = 0; i < 256; i++) {
            conversation.offerAudio("frame-" + i);
        }
        conversation.offerText(new ClientText.Text(ConversationTextRole.USER, "x", false));
        run();
        List<UpstreamMessage> sent = upstream.awaitSent(257);
        int text = sent.indexOf(UpstreamMessage.TextItem.appendText(RealtimeConversationVersion.V2,
                ConversationTextRole.USER, "x"));
        assertThat(text).isBetween(0, 4);
    }

    @Test
    void loop07_conflictErrorIsANonFatalDeferral() throws Exception {
        start(RealtimeConversationVersion.V2);
        upstream.feed("{\"type\":\"error\",\"message\":\"Conversation already has an active response in progress:"
                + " resp_1. Wait …\"}");
        awaitEvents(1);
        assertThat(published).noneMatch(dev.parley.protocol.v2.ThreadRealtimeErrorNotification.class::isInstance);
        assertThat(conversation.counters.snapshot().responseCreatesDeferred()).isEqualTo(1);
        // active and pending: a request waits, and the finish of the running response fires exactly one create
        conversation.offerText(new ClientText.Speech("hi"));
        assertThat(settle()).containsExactly(UpstreamMessage.TextItem.backend("hi"));
        upstream.feed("{\"type\":\"response.done\",\"response\":{\"id\":\"resp_1\"}}");
        awaitEvents(2);
        assertThat(settle()).endsWith(new UpstreamMessage.ResponseCreate());
        assertThat(upstream.sent).filteredOn(UpstreamMessage.ResponseCreate.class::isInstance).hasSize(1);
        assertThat(ended.getCount()).isEqualTo(1);
    }

    @Test
    void oat12_v1NeverTruncates() throws Exception {
        start(RealtimeConversationVersion.V1);
        upstream.feed("{\"type\":\"conversation.output_audio.delta\",\"delta\":\"AQID\",\"sample_rate\":24000,"
                + "\"channels\":1,\"item_id\":\"item_a\"}");
        upstream.feed(v2Audio("item_a", 4800));
        upstream.feed("{\"type\":\"input_audio_buffer.speech_started\"}");
        upstream.feed("{\"type\":\"conversation.input_transcript.delta\",\"delta\":\"x\"}");
        awaitEvents(2);
        assertThat(settle()).isEmpty();
    }
}
