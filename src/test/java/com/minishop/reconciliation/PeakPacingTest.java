package com.minishop.reconciliation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PeakPacingTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong deliveries = new AtomicLong(1_000);
    private final PeakPacing pacing = new PeakPacing(deliveries::get, 50, 10, 0);

    @Test
    void withoutAPeakEveryFreeSlotIsFilled() {
        deliveries.addAndGet(50); // exactly the threshold is not a peak
        assertEquals(16, pacing.allowance(16, SECOND));
        assertFalse(pacing.busy());
    }

    @Test
    void duringAPeakTheSweepStartsAtMostItsRateASecond() {
        deliveries.addAndGet(600);
        assertEquals(10, pacing.allowance(16, SECOND));
        assertTrue(pacing.busy());
        pacing.started(10);
        assertEquals(0, pacing.allowance(16, SECOND + SECOND / 100), "the second's budget is spent");
        assertEquals(5, pacing.allowance(16, SECOND + SECOND / 2), "half a second later, half a budget");
        pacing.started(5);
        deliveries.addAndGet(600);
        assertEquals(10, pacing.allowance(16, 5 * SECOND), "a long wait saves no more than one second's budget");
        assertEquals(3, pacing.allowance(3, 5 * SECOND), "never more than the free slots");
    }

    @Test
    void thePeakEndsWithTheNextQuietSecond() {
        deliveries.addAndGet(600);
        pacing.allowance(16, SECOND);
        pacing.started(10);
        deliveries.addAndGet(20);
        assertEquals(16, pacing.allowance(16, 2 * SECOND));
        assertFalse(pacing.busy());
    }

    @Test
    void theRateIsSampledOverAtLeastASecond() {
        deliveries.addAndGet(600);
        assertEquals(16, pacing.allowance(16, SECOND / 2), "not sampled yet: still the quiet state");
        assertEquals(10, pacing.allowance(16, SECOND));
    }
}
