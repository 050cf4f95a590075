package dev.parley.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link InsecureBindException} into a short start-up failure report instead of a stack trace. */
public final class InsecureBindFailureAnalyzer extends AbstractFailureAnalyzer<InsecureBindException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InsecureBindException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set parley.security.token (env PARLEY_SECURITY_TOKEN), or bind to 127.0.0.1 / ::1.", cause);
    }
}
