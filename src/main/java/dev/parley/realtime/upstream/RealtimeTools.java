package dev.parley.realtime.upstream;

/**
 * The function tools a V2 conversational session declares. Names and parameter schemas are contract;
 * the descriptions are configuration text kept here in one place.
 */
public final class RealtimeTools {

    public static final String BACKGROUND_AGENT = "background_agent";
    public static final String REMAIN_SILENT = "remain_silent";

    public static final String BACKGROUND_AGENT_DESCRIPTION = "Send a user request to the background agent. "
            + "Use this as the default action. Do not rephrase the user's ask or rewrite it in your own words; "
            + "pass along the user's own words. If the background agent is idle, this starts a new task and "
            + "returns the final result to the user. If the background agent is already working on a task, "
            + "this sends the request as guidance to steer that previous task. If the user asks to do something "
            + "next, later, after this, or once current work finishes, call this tool so the work is actually "
            + "queued instead of merely promising to do it later.";
    public static final String BACKGROUND_AGENT_PROMPT_DESCRIPTION =
            "The user request to delegate to the background agent.";
    public static final String REMAIN_SILENT_DESCRIPTION = "Call this when the best response is to say nothing. "
            + "Use it instead of speaking after hidden system/control messages, after background agent updates "
            + "in silent modes, or whenever acknowledging aloud would be distracting. This tool has no "
            + "user-visible effect.";

    /** The input transcription model requested in V2 sessions. */
    public static final String TRANSCRIPTION_MODEL = "gpt-4o-mini-transcribe";

    private RealtimeTools() {
    }
}
