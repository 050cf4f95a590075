package dev.parley.turn.agent;

import dev.parley.protocol.v2.CodexErrorInfo;

/** A model response that failed; the message reaches the client verbatim as the turn's error. */
public final class AgentFailure extends Exception {

    private final CodexErrorInfo codexErrorInfo;

    public AgentFailure(String message, CodexErrorInfo codexErrorInfo) {
        super(message, null, false, false);
        this.codexErrorInfo = codexErrorInfo;
    }

    public CodexErrorInfo codexErrorInfo() {
        return codexErrorInfo;
    }

    /** {@code agent request failed with HTTP <status>}, classified as in {@code 02} §5.2. */
    public static AgentFailure httpStatus(int status) {
        return new AgentFailure("agent request failed with HTTP " + status, classify(status));
    }

    static CodexErrorInfo classify(int status) {
        return switch (status) {
            case 400 -> CodexErrorInfo.BAD_REQUEST;
            case 401, 403 -> CodexErrorInfo.UNAUTHORIZED;
            case 429 -> CodexErrorInfo.USAGE_LIMIT_EXCEEDED;
            case 503 -> CodexErrorInfo.SERVER_OVERLOADED;
            default -> status >= 500 && status <= 599 ? CodexErrorInfo.INTERNAL_SERVER_ERROR : CodexErrorInfo.OTHER;
        };
    }
}
