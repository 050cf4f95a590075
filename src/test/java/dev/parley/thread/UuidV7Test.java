package dev.parley.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidV7Test {

    @Test
    void idsAreVersion7AndStrictlyIncreasingWithinOneMillisecond() {
        UUID previous = UuidV7.at(1_795_298_400_000L);
        for (int i = 0; i < 10_000; i++) {
            UUID next = UuidV7.at(1_795_298_400_000L);
            assertThat(next.version()).isEqualTo(7);
            assertThat(next.variant()).isEqualTo(2);
            assertThat(next.toString()).isGreaterThan(previous.toString());
            previous = next;
        }
        assertThat(UuidV7.epochMillis(previous)).isGreaterThanOrEqualTo(1_795_298_400_000L);
    }

    @Test
    void theTimestampIsTheCreationTime() {
        long now = System.currentTimeMillis() + 60_000;
        assertThat(UuidV7.epochMillis(UuidV7.at(now))).isEqualTo(now);
        assertThat(UuidV7.next()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }
}
