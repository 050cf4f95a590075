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

    /**
     * {@code 08} §3: thread ids are unguessable. Knowing one id (even the previous one, created in the same
     * millisecond) tells nothing about the next: its low 62 bits are fresh random bits, and the 12-bit sequence
     * starts at a random value each millisecond.
     */
    @Test
    void idsAreUnguessableFromTheirNeighbours() {
        int n = 10_000;
        long[] random = new long[n];
        int[] bitCounts = new int[62];
        long xorBits = 0;
        for (int i = 0; i < n; i++) {
            random[i] = UuidV7.at(1_795_298_500_000L).getLeastSignificantBits() & 0x3FFFFFFFFFFFFFFFL;
            for (int bit = 0; bit < 62; bit++) {
                bitCounts[bit] += (int) ((random[i] >>> bit) & 1);
            }
            if (i > 0) {
                xorBits += Long.bitCount(random[i] ^ random[i - 1]);
            }
        }
        assertThat(java.util.Arrays.stream(random).distinct().count()).isEqualTo(n);
        // each bit is set in about half of the ids (expected 5,000, σ = 50)
        assertThat(java.util.Arrays.stream(bitCounts).boxed()).allSatisfy(count -> assertThat(count).isBetween(4_500, 5_500));
        // consecutive ids differ in about half of their 62 random bits: no counter hides there
        assertThat((double) xorBits / (n - 1)).isBetween(29.0, 33.0);
        java.util.Set<Long> firstSequences = new java.util.HashSet<>();
        for (long millis = 1_795_298_600_000L; millis < 1_795_298_600_200L; millis++) {
            firstSequences.add(UuidV7.at(millis).getMostSignificantBits() & 0xFFF);
        }
        assertThat(firstSequences).as("the sequence starts at a random value").hasSizeGreaterThan(150);
    }
}
