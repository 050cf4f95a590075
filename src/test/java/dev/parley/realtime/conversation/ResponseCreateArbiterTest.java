package dev.parley.realtime.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.realtime.upstream.UpstreamException;
import dev.parley.realtime.upstream.UpstreamMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code 07} §3.12: the response-create arbiter driven with a recording writer. */
class ResponseCreateArbiterTest {

    private final List<UpstreamMessage> writes = new ArrayList<>();
    private final ConversationCounters counters = counters();
    private final ResponseCreateArbiter arbiter = new ResponseCreateArbiter(writes::add, counters);

    static ConversationCounters counters() {
        return new ConversationCounters(new ConversationMetrics(new SimpleMeterRegistry(), () -> 0)
                .meters(RealtimeConversationVersion.V2));
    }

    private long creates() {
        return writes.stream().filter(UpstreamMessage.ResponseCreate.class::isInstance).count();
    }

    @Test
    void arb01_requestSendsAndMarksActive() throws Exception {
        arbiter.request("t");
        assertThat(creates()).isEqualTo(1);
        assertThat(arbiter.isActive()).isTrue();
    }

    @Test
    void arb02_secondRequestIsPending() throws Exception {
        arbiter.request("t");
        arbiter.request("t");
        assertThat(creates()).isEqualTo(1);
        assertThat(arbiter.isActive()).isTrue();
        assertThat(arbiter.isPending()).isTrue();
        assertThat(counters.snapshot().responseCreatesDeferred()).isEqualTo(1);
    }

    @Test
    void arb03_requestsCoalesceBehindAServerResponse() throws Exception {
        arbiter.onCreated();
        arbiter.request("a");
        arbiter.request("b");
        arbiter.request("c");
        assertThat(creates()).isZero();
        arbiter.onFinished("r1");
        assertThat(creates()).isEqualTo(1);
    }

    @Test
    void arb04_deferredCreateFiresOnFinish() throws Exception {
        arbiter.request("a");
        arbiter.request("b");
        arbiter.onFinished("r1");
        assertThat(creates()).isEqualTo(2);
        assertThat(arbiter.isActive()).isTrue();
    }

    @Test
    void arb05_cancelledFinishesToo() throws Exception {
        arbiter.request("a");
        arbiter.request("b");
        arbiter.onFinished("r1"); // as delivered for ResponseCancelled
        assertThat(creates()).isEqualTo(2);
        assertThat(arbiter.isActive()).isTrue();
    }

    @Test
    void arb06_duplicateFinishIsIgnored() throws Exception {
        arbiter.onCreated();
        arbiter.request("a");
        arbiter.onFinished("r1");
        arbiter.onFinished("r1");
        arbiter.request("b");
        assertThat(creates()).isEqualTo(1);
        assertThat(arbiter.isPending()).isTrue();
    }

    @Test
    void arb07_conflictDefersTheCreate() throws Exception {
        arbiter.request("a");
        arbiter.onConflict();
        assertThat(creates()).isEqualTo(1);
        arbiter.onFinished("rx");
        assertThat(creates()).isEqualTo(2);
        assertThat(counters.snapshot().responseCreatesDeferred()).isEqualTo(1);
        assertThat(counters.snapshot().responseCreatesSent()).isEqualTo(2);
    }

    @Test
    void arb08_nullIdsAreAlwaysHonoured() throws Exception {
        arbiter.onCreated();
        arbiter.request("a");
        arbiter.onFinished(null);
        arbiter.onFinished(null);
        assertThat(creates()).isEqualTo(1);
        assertThat(arbiter.isActive()).isFalse();
        assertThat(arbiter.isPending()).isFalse();
    }

    @Test
    void arb09_aDroppedArbiterNeverFires() throws Exception {
        arbiter.request("a");
        arbiter.request("b");
        // the connection ends: the loop drops the arbiter with its state; a late finish reaches a fresh one
        ResponseCreateArbiter next = new ResponseCreateArbiter(writes::add, counters);
        next.onFinished("r1");
        assertThat(creates()).isEqualTo(1);
    }

    @Test
    void arb10_writeFailurePropagates() {
        ResponseCreateArbiter failing = new ResponseCreateArbiter(message -> {
            throw new UpstreamException.Transport("send timed out");
        }, counters);
        assertThatThrownBy(() -> failing.request("a")).isInstanceOf(UpstreamException.Transport.class)
                .hasMessageStartingWith("realtime websocket error: ");
        assertThat(failing.isActive()).isFalse();
    }

    @Test
    void arb11_onlyTheLast32IdsAreRemembered() throws Exception {
        for (int i = 1; i <= 40; i++) {
            arbiter.onFinished("id" + i);
        }
        arbiter.request("a");
        arbiter.request("b");
        arbiter.onFinished("id1");
        assertThat(creates()).isEqualTo(2);
    }
}
