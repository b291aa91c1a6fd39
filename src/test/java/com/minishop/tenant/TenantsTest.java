package com.minishop.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.minishop.web.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TenantsTest {

    @ParameterizedTest
    @ValueSource(strings = {"1", "42", "9223372036854775807"})
    void parsesPositiveDecimalIds(String raw) {
        assertThat(Tenants.parse(raw)).isEqualTo(Long.parseLong(raw));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "0",
                "-1",
                "+1",
                "1e3",
                "0x10",
                " 1",
                "abc",
                "9223372036854775808",
                "99999999999999999999999",
                "1;DROP TABLE orders",
                "١٢"
            })
    void refusesEverythingElse(String raw) {
        assertThatThrownBy(() -> Tenants.parse(raw))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("tenantId"));
    }
}
