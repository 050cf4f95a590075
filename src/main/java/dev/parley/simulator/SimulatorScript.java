package dev.parley.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Lets tests and demos script the simulator: queued transcripts replace the {@code [speech 1.2 s]}
 * placeholder of the next detected utterances, in order, on whichever connection speaks next.
 */
@Component
@Conditional(SimulatorEnabledCondition.class)
public class SimulatorScript {

    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<String> utteranceTranscripts = new ArrayDeque<>();

    /** The transcript the simulator reports for the next utterance instead of its placeholder. */
    public void nextUtteranceTranscript(String transcript) {
        lock.lock();
        try {
            utteranceTranscripts.add(transcript);
        } finally {
            lock.unlock();
        }
    }

    String transcriptFor(String placeholder) {
        lock.lock();
        try {
            String scripted = utteranceTranscripts.poll();
            return scripted != null ? scripted : placeholder;
        } finally {
            lock.unlock();
        }
    }
}
