package dev.parley.protocol.v2;

/** Result of {@code thread/resume}: the thread with every turn. */
public record ThreadResumeResponse(
        Thread thread,
        String model,
        String modelProvider,
        String cwd,
        AskForApproval approvalPolicy,
        ApprovalsReviewer approvalsReviewer,
        SandboxPolicy sandbox) {
}
