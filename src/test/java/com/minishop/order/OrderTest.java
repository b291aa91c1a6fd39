package com.minishop.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.minishop.order.Transition.Outcome;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The order's state machine: every transition from every state, and every refused input. */
class OrderTest {

    private static final OffsetDateTime CREATED = OffsetDateTime.of(2026, 11, 1, 10, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime PAID_AT = OffsetDateTime.of(2026, 11, 1, 18, 5, 0, 0, ZoneOffset.ofHours(8));
    private static final OffsetDateTime LATER = CREATED.plusHours(1);

    private static Order order() {
        return new Order("ORDER-0001", 1000, "CNY", "coffee", CREATED);
    }

    /** An order brought into the given state through its own transitions. */
    static Order orderIn(PayState state) {
        Order order = order();
        Function<Order, Transition> path =
                switch (state) {
                    case UNPAID -> o -> null;
                    case PAYING -> o -> o.paymentStarted(CREATED);
                    case PAID -> o -> o.paymentSucceeded("4200000001", PAID_AT, CREATED);
                    case REFUNDED -> o -> {
                        o.paymentSucceeded("4200000001", PAID_AT, CREATED);
                        return o.refundSucceeded(1000, CREATED);
                    };
                    case PAYMENT_FAILED -> o -> o.paymentFailed(CREATED);
                    case CLOSED -> o -> o.paymentClosed(CREATED);
                };
        path.apply(order);
        assertThat(order.payState()).isEqualTo(state);
        return order;
    }

    @Test
    void aNewOrderAwaitsPayment() {
        Order order = order();
        assertThat(order.payState()).isEqualTo(PayState.UNPAID);
        assertThat(order.payState().code()).isZero();
        assertThat(order.orderStatus()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(order.orderStatus().label()).isEqualTo("待支付");
        assertThat(order.transactionId()).isNull();
        assertThat(order.paidAt()).isNull();
        assertThat(order.refundedAmount()).isZero();
    }

    @ParameterizedTest
    @CsvSource({
        "ORDER-0001, 1, CNY, ",
        "123456, 1, USD, ",
        "A_b-c|d*e, 9223372036854775807, CNY, ok",
    })
    void acceptsValidOrders(String orderNo, long amount, String currency, String description) {
        Order order = new Order(orderNo, amount, currency, description, CREATED);
        assertThat(order.amountTotal()).isEqualTo(amount);
    }

    @ParameterizedTest
    @CsvSource({
        "ORD1, 100, CNY",
        "'ORDER 0001', 100, CNY",
        "ORDER-0001-ORDER-0001-ORDER-00001, 100, CNY",
        "订单000001, 100, CNY",
        "ORDER-0001, 0, CNY",
        "ORDER-0001, -1, CNY",
        "ORDER-0001, 100, cny",
        "ORDER-0001, 100, YUAN",
    })
    void refusesInvalidOrders(String orderNo, long amount, String currency) {
        assertThatThrownBy(() -> new Order(orderNo, amount, currency, null, CREATED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAnOverlongDescription() {
        assertThatThrownBy(() -> new Order("ORDER-0001", 1, "CNY", "x".repeat(128), CREATED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(
            value = PayState.class,
            names = {"UNPAID", "PAYING", "PAYMENT_FAILED"})
    void aSuccessfulPaymentPaysAnOrderAwaitingPayment(PayState from) {
        Order order = orderIn(from);
        Transition t = order.paymentSucceeded("4200000001", PAID_AT, LATER);
        assertThat(t).isEqualTo(new Transition(Outcome.APPLIED, from, PayState.PAID));
        assertThat(t.changed()).isTrue();
        assertThat(order.payState()).isEqualTo(PayState.PAID);
        assertThat(order.payState().code()).isEqualTo(2);
        assertThat(order.orderStatus()).isEqualTo(OrderStatus.PAID);
        assertThat(order.orderStatus().label()).isEqualTo("已支付");
        assertThat(order.transactionId()).isEqualTo("4200000001");
        assertThat(order.paidAt()).isEqualTo(PAID_AT);
        assertThat(order.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void aSuccessfulPaymentForAClosedOrderIsAppliedAndFlagged() {
        Order order = orderIn(PayState.CLOSED);
        Transition t = order.paymentSucceeded("4200000001", PAID_AT, LATER);
        assertThat(t).isEqualTo(new Transition(Outcome.APPLIED_FLAGGED, PayState.CLOSED, PayState.PAID));
        assertThat(order.orderStatus()).isEqualTo(OrderStatus.PAID);
        assertThat(order.transactionId()).isEqualTo("4200000001");
    }

    @Test
    void theSamePaymentTwiceIsADuplicate() {
        Order order = orderIn(PayState.PAID);
        Transition t = order.paymentSucceeded("4200000001", PAID_AT.plusMinutes(5), LATER);
        assertThat(t).isEqualTo(new Transition(Outcome.DUPLICATE, PayState.PAID, PayState.PAID));
        assertThat(t.changed()).isFalse();
        assertThat(order.paidAt()).isEqualTo(PAID_AT);
        assertThat(order.updatedAt()).isEqualTo(CREATED);
    }

    @Test
    void aSecondDifferentPaymentKeepsTheFirstAndIsFlagged() {
        Order order = orderIn(PayState.PAID);
        Transition t = order.paymentSucceeded("4200000002", PAID_AT.plusMinutes(5), LATER);
        assertThat(t.outcome()).isEqualTo(Outcome.CONFLICT_FLAGGED);
        assertThat(order.transactionId()).isEqualTo("4200000001");
        assertThat(order.paidAt()).isEqualTo(PAID_AT);
    }

    @Test
    void anotherPaymentAfterAFullRefundIsAConflictNotStale() {
        Order order = orderIn(PayState.REFUNDED);
        Transition t = order.paymentSucceeded("4200000002", PAID_AT, LATER);
        assertThat(t.outcome()).isEqualTo(Outcome.CONFLICT_FLAGGED);
        assertThat(t.audited()).isTrue();
        assertThat(t.changed()).isFalse();
        assertThat(order.transactionId()).isEqualTo("4200000001");
    }

    @Test
    void aPaymentAfterAFullRefundIsStale() {
        Order order = orderIn(PayState.REFUNDED);
        assertThat(order.paymentSucceeded("4200000001", PAID_AT, LATER).outcome())
                .isEqualTo(Outcome.STALE);
        assertThat(order.payState()).isEqualTo(PayState.REFUNDED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void aSuccessfulPaymentNeedsItsTransactionAndTime(String transactionId) {
        Order order = order();
        assertThatThrownBy(() -> order.paymentSucceeded(transactionId, PAID_AT, LATER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> order.paymentSucceeded(null, PAID_AT, LATER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> order.paymentSucceeded("4200000001", null, LATER))
                .isInstanceOf(NullPointerException.class);
        assertThat(order.payState()).isEqualTo(PayState.UNPAID);
    }

    @ParameterizedTest
    @CsvSource({
        "UNPAID, APPLIED, PAYMENT_FAILED",
        "PAYING, APPLIED, PAYMENT_FAILED",
        "PAYMENT_FAILED, DUPLICATE, PAYMENT_FAILED",
        "PAID, STALE, PAID",
        "REFUNDED, STALE, REFUNDED",
        "CLOSED, STALE, CLOSED",
    })
    void aFailedPayment(PayState from, Outcome outcome, PayState to) {
        Order order = orderIn(from);
        OrderStatus statusBefore = order.orderStatus();
        assertThat(order.paymentFailed(LATER)).isEqualTo(new Transition(outcome, from, to));
        assertThat(order.payState()).isEqualTo(to);
        assertThat(order.orderStatus())
                .isEqualTo(outcome == Outcome.APPLIED ? OrderStatus.PENDING_PAYMENT : statusBefore);
    }

    @ParameterizedTest
    @CsvSource({
        "UNPAID, APPLIED, CLOSED", "PAYING, APPLIED, CLOSED", "PAYMENT_FAILED, APPLIED, CLOSED",
        "CLOSED, DUPLICATE, CLOSED", "PAID, STALE, PAID", "REFUNDED, STALE, REFUNDED",
    })
    void aClosedPayment(PayState from, Outcome outcome, PayState to) {
        Order order = orderIn(from);
        assertThat(order.paymentClosed(LATER)).isEqualTo(new Transition(outcome, from, to));
        assertThat(order.payState()).isEqualTo(to);
        if (outcome == Outcome.APPLIED) {
            assertThat(order.orderStatus()).isEqualTo(OrderStatus.CLOSED);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "UNPAID, APPLIED, PAYING", "PAYMENT_FAILED, APPLIED, PAYING", "PAYING, DUPLICATE, PAYING",
        "PAID, STALE, PAID", "REFUNDED, STALE, REFUNDED", "CLOSED, STALE, CLOSED",
    })
    void aStartedPayment(PayState from, Outcome outcome, PayState to) {
        assertThat(orderIn(from).paymentStarted(LATER)).isEqualTo(new Transition(outcome, from, to));
    }

    @Test
    void partialRefundsKeepTheOrderPaidUntilTheyReachTheTotal() {
        Order order = orderIn(PayState.PAID);
        assertThat(order.refundSucceeded(300, LATER))
                .isEqualTo(new Transition(Outcome.APPLIED, PayState.PAID, PayState.PAID));
        assertThat(order.refundedAmount()).isEqualTo(300);
        assertThat(order.orderStatus()).isEqualTo(OrderStatus.PAID);
        assertThat(order.refundSucceeded(700, LATER))
                .isEqualTo(new Transition(Outcome.APPLIED, PayState.PAID, PayState.REFUNDED));
        assertThat(order.refundedAmount()).isEqualTo(1000);
        assertThat(order.payState().code()).isEqualTo(3);
        assertThat(order.orderStatus()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(order.orderStatus().label()).isEqualTo("已退款");
        assertThat(order.transactionId()).isEqualTo("4200000001");
    }

    @Test
    void aRefundNeverTakesTheRefundedSumPastTheTotal() {
        Order order = orderIn(PayState.PAID);
        order.refundSucceeded(600, LATER);
        assertThat(order.refundSucceeded(401, LATER).outcome()).isEqualTo(Outcome.EXCEEDS_TOTAL);
        assertThat(order.refundedAmount()).isEqualTo(600);
        assertThat(order.payState()).isEqualTo(PayState.PAID);
        assertThat(orderIn(PayState.REFUNDED).refundSucceeded(1, LATER).outcome())
                .isEqualTo(Outcome.EXCEEDS_TOTAL);
    }

    @ParameterizedTest
    @EnumSource(
            value = PayState.class,
            names = {"UNPAID", "PAYING", "PAYMENT_FAILED", "CLOSED"})
    void aRefundForAnOrderNotSeenPaidWaitsForThePayment(PayState from) {
        Order order = orderIn(from);
        assertThat(order.refundSucceeded(100, LATER)).isEqualTo(new Transition(Outcome.NOT_PAID_YET, from, from));
        assertThat(order.refundedAmount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void aRefundAmountMustBePositive(long amount) {
        Order order = orderIn(PayState.PAID);
        assertThatThrownBy(() -> order.refundSucceeded(amount, LATER)).isInstanceOf(IllegalArgumentException.class);
        assertThat(order.refundedAmount()).isZero();
    }

    @Test
    void payStateCodesAreTheOriginalSystems() {
        assertThat(PayState.values()).extracting(PayState::code).containsExactly(0, 1, 2, 3, 4, 5);
        for (PayState state : PayState.values()) {
            assertThat(PayState.ofCode(state.code())).isEqualTo(state);
        }
        assertThatThrownBy(() -> PayState.ofCode(6)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PayStateConverter().convertToDatabaseColumn(PayState.REFUNDED))
                .isEqualTo(3);
        assertThat(new PayStateConverter().convertToEntityAttribute(4)).isEqualTo(PayState.PAYMENT_FAILED);
    }
}
