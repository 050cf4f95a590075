package dev.parley.realtime.upstream;

/** The exact first frames of {@code 03} §6, written out independently of the production builder. */
final class ExpectedFrames {

    static final String BACKGROUND_AGENT_DESCRIPTION = "Send a user request to the background agent. Use this as the default action. Do not rephrase the user's ask or rewrite it in your own words; pass along the user's own words. If the background agent is idle, this starts a new task and returns the final result to the user. If the background agent is already working on a task, this sends the request as guidance to steer that previous task. If the user asks to do something next, later, after this, or once current work finishes, call this tool so the work is actually queued instead of merely promising to do it later.";
    static final String REMAIN_SILENT_DESCRIPTION = "Call this when the best response is to say nothing. Use it instead of speaking after hidden system/control messages, after background agent updates in silent modes, or whenever acknowledging aloud would be distracting. This tool has no user-visible effect.";

    private ExpectedFrames() {
    }

    static String v1(String instructions, String voice) {
        return """
                {"type":"session.update","session":{"type":"quicksilver","instructions":"%s",
                 "audio":{"input":{"format":{"type":"audio/pcm","rate":24000}},"output":{"voice":"%s"}}}}
                """.formatted(instructions, voice);
    }

    static String v2(String instructions, String voice, String modality) {
        return """
                {"type":"session.update","session":{"type":"realtime","instructions":"%s","output_modalities":["%s"],
                 "audio":{"input":{"format":{"type":"audio/pcm","rate":24000},"noise_reduction":{"type":"near_field"},
                   "transcription":{"model":"gpt-4o-mini-transcribe"},
                   "turn_detection":{"type":"server_vad","interrupt_response":true,"create_response":true,"silence_duration_ms":500}},
                  "output":{"format":{"type":"audio/pcm","rate":24000},"voice":"%s"}},
                 "tools":[{"type":"function","name":"background_agent","description":"%s",
                   "parameters":{"type":"object","properties":{"prompt":{"type":"string","description":"The user request to delegate to the background agent."}},
                     "required":["prompt"],"additionalProperties":false}},
                  {"type":"function","name":"remain_silent","description":"%s",
                   "parameters":{"type":"object","properties":{},"additionalProperties":false}}],
                 "tool_choice":"auto"}}
                """.formatted(instructions, modality, voice, BACKGROUND_AGENT_DESCRIPTION, REMAIN_SILENT_DESCRIPTION);
    }

    static final String V2_TRANSCRIPTION = """
            {"type":"session.update","session":{"type":"transcription",
             "audio":{"input":{"format":{"type":"audio/pcm","rate":24000},"transcription":{"model":"gpt-4o-mini-transcribe"}}}}}
            """;
}
