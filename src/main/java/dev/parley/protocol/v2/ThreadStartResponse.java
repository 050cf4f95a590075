package dev.parley.protocol.v2;

/** Result of {@code thread/start}. */
public record ThreadStartResponse(
        Thread thread,
        String model,
        String modelProvider,
        String cwd,
        AskForApproval approvalPolicy,
        ApprovalsReviewer approvalsReviewer,
        SandboxPolicy sandbox) {
}
