package dev.parley.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.parley.ParleyApplication;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** {@code parley.agent.provider}: a closed set, bound ignoring case; anything else stops the server at startup. */
class AgentProviderTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AgentProperties.class)
    static class Agent {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(CoreConfiguration.class, Agent.class);

    @Test
    void providerNamesBindIgnoringCaseAndBlankMeansUnset() {
        runner.withPropertyValues("parley.agent.provider=OpenAI", "parley.agent.api-key=")
                .run(context -> assertThat(context.getBean(AgentProperties.class).effectiveProvider())
                        .isEqualTo(AgentProvider.OPENAI));
        runner.withPropertyValues("parley.agent.provider=builtin", "parley.agent.api-key=k")
                .run(context -> assertThat(context.getBean(AgentProperties.class).effectiveProvider())
                        .isEqualTo(AgentProvider.BUILTIN));
        runner.withPropertyValues("parley.agent.provider= ", "parley.agent.api-key=k")
                .run(context -> assertThat(context.getBean(AgentProperties.class).effectiveProvider())
                        .isEqualTo(AgentProvider.OPENAI));
        runner.withPropertyValues("parley.agent.provider=", "parley.agent.api-key=")
                .run(context -> assertThat(context.getBean(AgentProperties.class).effectiveProvider())
                        .isEqualTo(AgentProvider.BUILTIN));
    }

    @Test
    void anUnknownProviderFailsStartupNamingTheAllowedValues() {
        SpringApplication app = new SpringApplication(ParleyApplication.class);
        Throwable failure = catchThrowable(() -> app.run("--server.port=0", "--parley.agent.provider=anthropic"));

        assertThat(failure).as("startup fails").isNotNull().hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause().hasMessage("parley.agent.provider must be one of openai, builtin, not anthropic");
        // what the operator reads: Boot's report of the failed binding
        FailureAnalysis analysis = analyze(failure);
        assertThat(analysis.getDescription()).contains("parley.agent.provider", "anthropic",
                "parley.agent.provider must be one of openai, builtin, not anthropic");
        assertThat(analysis.getAction()).contains("builtin", "openai");
    }

    /** The analysis Boot prints for a startup failure: the first of its registered analyzers that applies. */
    private static FailureAnalysis analyze(Throwable failure) {
        return SpringFactoriesLoader.forDefaultResourceLocation(AgentProviderTest.class.getClassLoader())
                .load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, e) -> { }))
                .stream().map(analyzer -> analyzer.analyze(failure)).filter(Objects::nonNull).findFirst()
                .orElseThrow(() -> new AssertionError("no failure analysis for " + failure));
    }
}
