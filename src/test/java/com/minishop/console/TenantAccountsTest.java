package com.minishop.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class TenantAccountsTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-01T08:00:00Z");

    @Test
    void aKeyIsFlaggedThirtyDaysBeforeItExpires() {
        assertThat(TenantAccounts.expiry(NOW.plusDays(31), NOW)).isEqualTo(TenantAccounts.Expiry.VALID);
        assertThat(TenantAccounts.expiry(NOW.plusDays(30), NOW)).isEqualTo(TenantAccounts.Expiry.VALID);
        assertThat(TenantAccounts.expiry(NOW.plusDays(30).minusSeconds(1), NOW))
                .isEqualTo(TenantAccounts.Expiry.EXPIRES_SOON);
        assertThat(TenantAccounts.expiry(NOW.plusSeconds(1), NOW)).isEqualTo(TenantAccounts.Expiry.EXPIRES_SOON);
        assertThat(TenantAccounts.expiry(NOW, NOW)).isEqualTo(TenantAccounts.Expiry.EXPIRED);
        assertThat(TenantAccounts.expiry(NOW.minusDays(1), NOW)).isEqualTo(TenantAccounts.Expiry.EXPIRED);
    }

    @Test
    void aKeyWithoutEndDateHasNoExpiry() {
        assertThat(TenantAccounts.expiry(null, NOW)).isNull();
    }
}
