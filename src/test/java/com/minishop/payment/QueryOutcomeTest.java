package com.minishop.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.minishop.order.PayState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a queried trade_state leads to: paid (also after a refund), closed, failed, or nothing. */
class QueryOutcomeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "none",
            value = {
                "SUCCESS, PAID",
                "REFUND, PAID",
                "CLOSED, CLOSED",
                "REVOKED, CLOSED",
                "PAYERROR, PAYMENT_FAILED",
                "NOTPAY, none",
                "USERPAYING, none",
                "ACCEPT, none",
                "SOMETHING_NEW, none",
                "success, none"
            })
    void tradeStateMapping(String tradeState, PayState target) {
        assertThat(QueryOutcome.target(tradeState)).isEqualTo(target);
    }
}
