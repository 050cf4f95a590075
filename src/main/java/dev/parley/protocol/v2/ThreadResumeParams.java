package dev.parley.protocol.v2;

/** Params of {@code thread/resume}. */
public record ThreadResumeParams(
        String threadId) {
}
