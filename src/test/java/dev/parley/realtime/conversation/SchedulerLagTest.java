package dev.parley.realtime.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The scheduler-lag probe that the overload rule adds to a frame's queue time. */
class SchedulerLagTest {

    @Test
    void anOverdueProbeCountsTheTimeSinceItWasDue() {
        assertThat(SchedulerLag.lag(3, 1_000, 1_500)).isEqualTo(500);
        assertThat(SchedulerLag.lag(700, 1_000, 1_500)).isEqualTo(700);
    }

    @Test
    void aProbeNotYetDueReportsItsLastMeasurement() {
        assertThat(SchedulerLag.lag(42, 2_000, 1_500)).isEqualTo(42);
        assertThat(SchedulerLag.lag(0, Long.MAX_VALUE, 1_500)).isZero();
    }

    @Test
    void noneAndFixedNeedNoProbe() {
        assertThat(SchedulerLag.NONE.lagNanos(System.nanoTime())).isZero();
        assertThat(SchedulerLag.fixed(5_000).lagNanos(System.nanoTime())).isEqualTo(5_000);
    }

    @Test
    void theProbeMeasuresAndEndsWhenClosed() throws InterruptedException {
        SchedulerLag lag = SchedulerLag.start();
        try {
            assertThat(lag.lagNanos(System.nanoTime())).isGreaterThanOrEqualTo(0);
        } finally {
            lag.close();
        }
        // closing wakes the probe, which leaves its loop: no thread outlives the manager
        lag.probe().join(java.time.Duration.ofSeconds(10));
        assertThat(lag.probe().isAlive()).isFalse();
    }
}
