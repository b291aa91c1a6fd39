package com.minishop.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.minishop.web.InvalidInputException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class NewOrderRequestTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 1, 10, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void defaultsTheCurrencyToCny() {
        Order order = new NewOrderRequest("ORDER-0001", 100L, null, null).toOrder(NOW);
        assertThat(order.currency()).isEqualTo("CNY");
        assertThat(order.createdAt()).isEqualTo(NOW);
    }

    @Test
    void namesTheFieldItRefuses() {
        assertField(new NewOrderRequest(null, 100L, null, null), "orderNo");
        assertField(new NewOrderRequest("ORD", 100L, null, null), "orderNo");
        assertField(new NewOrderRequest("ORDER-0001", null, null, null), "amountTotal");
        assertField(new NewOrderRequest("ORDER-0001", 0L, null, null), "amountTotal");
        assertField(new NewOrderRequest("ORDER-0001", -100L, null, null), "amountTotal");
        assertField(new NewOrderRequest("ORDER-0001", 100L, "rmb", null), "currency");
        assertField(new NewOrderRequest("ORDER-0001", 100L, null, "长".repeat(128)), "description");
    }

    private static void assertField(NewOrderRequest request, String field) {
        assertThatThrownBy(() -> request.toOrder(NOW)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.status()).isEqualTo(400);
        });
    }
}
