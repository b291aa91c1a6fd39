package com.minishop.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailedAttemptsTest {

    private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aSourceIsHeldBackAfterTheLimitOfFailuresUntilItsWindowEnds() {
        var attempts = new FailedAttempts();
        for (int i = 0; i < FailedAttempts.LIMIT - 1; i++) {
            attempts.failed("10.0.0.1", start.plusSeconds(i));
        }
        assertThat(attempts.waitFor("10.0.0.1", start.plusSeconds(10))).isZero();
        attempts.failed("10.0.0.1", start.plusSeconds(10));
        assertThat(attempts.waitFor("10.0.0.1", start.plusSeconds(10))).isEqualTo(Duration.ofSeconds(50));
        assertThat(attempts.waitFor("10.0.0.2", start.plusSeconds(10)))
                .as("another source")
                .isZero();
        assertThat(attempts.waitFor("10.0.0.1", start.plus(FailedAttempts.WINDOW)))
                .isZero();
    }

    @Test
    void failuresOfAnEndedWindowDoNotCount() {
        var attempts = new FailedAttempts();
        for (int i = 0; i < FailedAttempts.LIMIT - 1; i++) {
            attempts.failed("10.0.0.1", start);
        }
        Instant later = start.plus(FailedAttempts.WINDOW).plusSeconds(1);
        attempts.failed("10.0.0.1", later);
        assertThat(attempts.waitFor("10.0.0.1", later)).isZero();
    }
}
