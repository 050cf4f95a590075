package dev.parley.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Energy-based voice activity detection over PCM16 little-endian mono 24 kHz audio, in 20 ms frames: a
 * frame whose RMS exceeds {@value #THRESHOLD} is speech; {@value #SILENCE_FRAMES} silent frames (500 ms,
 * like the server VAD Parley configures) end the utterance.
 */
final class SpeechDetector {

    static final int SAMPLE_RATE = 24_000;
    static final int FRAME_SAMPLES = 480;
    static final double THRESHOLD = 500;
    static final int SILENCE_FRAMES = 25;

    /** What one append changed. */
    sealed interface Change {
        record Started(long audioStartMs) implements Change {
        }

        record Stopped(long audioEndMs, long speechMs) implements Change {
        }
    }

    private final byte[] pending = new byte[FRAME_SAMPLES * 2];
    private int pendingBytes;
    private long frames;
    private boolean speaking;
    private long speechStartFrame;
    private long lastVoicedFrame;

    List<Change> append(byte[] pcm) {
        List<Change> changes = new ArrayList<>();
        for (byte b : pcm) {
            pending[pendingBytes++] = b;
            if (pendingBytes == pending.length) {
                frame(changes);
                pendingBytes = 0;
            }
        }
        return changes;
    }

    private void frame(List<Change> changes) {
        double sum = 0;
        for (int i = 0; i < pending.length; i += 2) {
            int sample = (short) ((pending[i] & 0xFF) | (pending[i + 1] << 8));
            sum += (double) sample * sample;
        }
        boolean voiced = Math.sqrt(sum / FRAME_SAMPLES) > THRESHOLD;
        if (voiced) {
            if (!speaking) {
                speaking = true;
                speechStartFrame = frames;
                changes.add(new Change.Started(toMs(frames)));
            }
            lastVoicedFrame = frames;
        } else if (speaking && frames - lastVoicedFrame >= SILENCE_FRAMES) {
            speaking = false;
            changes.add(new Change.Stopped(toMs(lastVoicedFrame + 1), toMs(lastVoicedFrame + 1 - speechStartFrame)));
        }
        frames++;
    }

    private static long toMs(long frameCount) {
        return frameCount * FRAME_SAMPLES * 1000 / SAMPLE_RATE;
    }
}
