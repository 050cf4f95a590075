package dev.parley.realtime.conversation;

import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.realtime.upstream.UpstreamException;
import dev.parley.realtime.upstream.UpstreamInbound;
import dev.parley.realtime.upstream.UpstreamMessage;
import dev.parley.realtime.upstream.UpstreamSession;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory upstream of the loop harness ({@code 07} §1.4): the same interface as the socket adapter; it
 * records sends, can hold sends until released, and feeds inbound messages.
 */
final class InMemoryUpstream implements UpstreamSession {

    private final RealtimeConversationVersion version;
    private final Runnable onInbound;
    private final LinkedBlockingQueue<UpstreamInbound> inbound = new LinkedBlockingQueue<>();
    final List<UpstreamMessage> sent = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final CountDownLatch sendPending = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    InMemoryUpstream(RealtimeConversationVersion version, Runnable onInbound) {
        this.version = version;
        this.onInbound = onInbound;
    }

    /** Sends block until {@link #release()}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    boolean awaitSendPending() throws InterruptedException {
        return sendPending.await(5, TimeUnit.SECONDS);
    }

    void feed(String json) {
        feed(new UpstreamInbound.Text(json));
    }

    /** Feeds a message with its own receive stamp (the loop sheds output audio that waited too long). */
    void feed(UpstreamInbound.Text message) {
        inbound.add(message);
        onInbound.run();
    }

    boolean inboundDrained() {
        return inbound.isEmpty();
    }

    boolean awaitClosed() throws InterruptedException {
        return closed.await(5, TimeUnit.SECONDS);
    }

    /** Waits until {@code count} messages were sent. */
    List<UpstreamMessage> awaitSent(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sent.size() < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return List.copyOf(sent);
    }

    @Override
    public RealtimeConversationVersion version() {
        return version;
    }

    @Override
    public void send(UpstreamMessage message) throws UpstreamException, InterruptedException {
        if (closed.getCount() == 0) {
            throw new UpstreamException.Closed();
        }
        sendPending.countDown();
        gate.await();
        sent.add(message);
    }

    @Override
    public Optional<UpstreamInbound> poll() {
        return Optional.ofNullable(inbound.poll());
    }

    @Override
    public Optional<UpstreamInbound> poll(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(inbound.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    @Override
    public UpstreamInbound take() throws InterruptedException {
        return inbound.take();
    }

    @Override
    public void close() {
        closed.countDown();
    }
}
