package com.minishop.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.minishop.web.InvalidInputException;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class ParamsTest {

    @Test
    void timesAreIsoDateTimesWithOffset() {
        assertThat(Params.time("2026-12-01T08:00:00Z", "from")).isEqualTo(OffsetDateTime.parse("2026-12-01T08:00:00Z"));
        assertThat(Params.time(null, "from")).isNull();
        assertThatThrownBy(() -> Params.time("2026-12-01", "to"))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("to");
    }

    @Test
    void textIsTrimmedBoundedAndFreeOfControlCharacters() {
        assertThat(Params.text("  ORDER-1 ", "q", 64)).isEqualTo("ORDER-1");
        assertThat(Params.text("   ", "q", 64)).isNull();
        assertThatThrownBy(() -> Params.text("a".repeat(65), "q", 64)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Params.text("a\u0000b", "q", 64)).isInstanceOf(InvalidInputException.class);
    }
}
