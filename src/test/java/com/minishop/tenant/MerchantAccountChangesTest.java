package com.minishop.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.minishop.tenant.MerchantAccountChanges.Change;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which polled account changes drop cached credentials: each change once, a later change again. */
class MerchantAccountChangesTest {

    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

    @Test
    void eachChangeIsActedOnOnceWhileItStaysInTheLookBack() {
        var seen = new MerchantAccountChanges.Seen();
        assertThat(seen.fresh(List.of(new Change(1, T0), new Change(2, T0)), T0))
                .containsExactly(1L, 2L);
        assertThat(seen.fresh(List.of(new Change(1, T0), new Change(2, T0)), T0.plusSeconds(1)))
                .isEmpty();
        assertThat(seen.fresh(List.of(new Change(1, T0), new Change(2, T0.plusSeconds(1))), T0.plusSeconds(2)))
                .as("tenant 2 changed again")
                .containsExactly(2L);
    }

    @Test
    void forgetsChangesLongOutOfTheLookBack() {
        var seen = new MerchantAccountChanges.Seen();
        seen.fresh(List.of(new Change(1, T0)), T0);
        // long after, a row still carrying that time (a writer whose clock is far behind) counts as new again:
        // dropping a cache entry once more is harmless, remembering every change forever is not
        var later = T0.plus(MerchantAccountChanges.LOOK_BACK.multipliedBy(3));
        assertThat(seen.fresh(List.of(), later)).isEmpty();
        assertThat(seen.fresh(List.of(new Change(1, T0)), later)).containsExactly(1L);
    }
}
