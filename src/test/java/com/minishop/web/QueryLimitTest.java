package com.minishop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryLimitTest {

    @Test
    void limitsAreNumbersWithinTheirRange() {
        assertThat(QueryLimit.parse(null, 50, 500)).isEqualTo(50);
        assertThat(QueryLimit.parse("", 50, 500)).isEqualTo(50);
        assertThat(QueryLimit.parse("1", 50, 500)).isEqualTo(1);
        assertThat(QueryLimit.parse("500", 50, 500)).isEqualTo(500);
        for (String bad : new String[] {"0", "501", "-1", "ten", "1e3", "99999999999"}) {
            assertThatThrownBy(() -> QueryLimit.parse(bad, 50, 500))
                    .isInstanceOf(InvalidInputException.class)
                    .extracting(e -> ((InvalidInputException) e).field())
                    .isEqualTo("limit");
        }
    }
}
