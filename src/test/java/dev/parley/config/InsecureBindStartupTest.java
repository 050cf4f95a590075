package dev.parley.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ParleyApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The application refuses to start off loopback without a token, with the exact message of 02 §2.1. */
class InsecureBindStartupTest {

    @Test
    void startupFailsWithAClearMessage() {
        SpringApplication app = new SpringApplication(ParleyApplication.class);
        assertThatThrownBy(() -> app.run("--server.address=0.0.0.0", "--server.port=0", "--parley.security.token="))
                .hasRootCauseInstanceOf(InsecureBindException.class)
                .rootCause()
                .hasMessage("parley.security.token must be set when server.address (0.0.0.0) is not a loopback address");
        FailureAnalysis analysis = new InsecureBindFailureAnalyzer().analyze(new InsecureBindException("m"));
        assertThat(analysis.getDescription()).isEqualTo("m");
        assertThat(analysis.getAction()).contains("parley.security.token");
    }
}
