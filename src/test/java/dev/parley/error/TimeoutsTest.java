package dev.parley.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Timeouts are written as the configuration writes them, by the upstream connect and the agent request alike. */
class TimeoutsTest {

    @Test
    void durationsAreFormattedReadably() {
        assertThat(Timeouts.format(Duration.ofSeconds(120))).isEqualTo("120s");
        assertThat(Timeouts.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Timeouts.timedOutAfter(Duration.ofSeconds(10))).isEqualTo("timed out after 10s");
    }
}
