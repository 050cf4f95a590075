package dev.parley.store;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link StoreStartupException} into a short start-up failure report instead of a stack trace. */
public final class StoreFailureAnalyzer extends AbstractFailureAnalyzer<StoreStartupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StoreStartupException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
