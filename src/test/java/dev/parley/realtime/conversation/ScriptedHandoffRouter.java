package dev.parley.realtime.conversation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * The fake turn router of {@code 07} §1.4 for integration tests: records every route call and answers a chosen
 * result; tests then play the turn layer by reporting {@link AgentReport}s to the manager.
 */
final class ScriptedHandoffRouter implements HandoffRouter {

    record Routed(String threadId, String envelopeText, HandoffTag tag) {
    }

    final List<Routed> routed = new CopyOnWriteArrayList<>();
    private volatile RouteResult result = new RouteResult.Rejected("no route scripted");
    private volatile CountDownLatch gate = new CountDownLatch(0);

    void answer(RouteResult next) {
        this.result = next;
    }

    /** Route calls from now on wait (after being recorded) until {@link #release()}: a stuck publisher. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    @Override
    public RouteResult route(String threadId, String envelopeText, HandoffTag tag) {
        routed.add(new Routed(threadId, envelopeText, tag));
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return result;
    }

    List<Routed> recorded(String threadId) {
        return routed.stream().filter(r -> r.threadId().equals(threadId)).toList();
    }

    HandoffTag tag(String handoffId) {
        return routed.stream().filter(r -> r.tag().handoffId().equals(handoffId)).findFirst().orElseThrow().tag();
    }
}
