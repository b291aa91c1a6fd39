package com.minishop.order;

import java.util.Objects;

/**
 * What one payment fact did to one order, with the fact's identifiers: what the payment service returns
 * and the audit trail records.
 */
public record OrderChange(
        long orderId,
        String orderNo,
        PayState target,
        Transition transition,
        String notificationId,
        String transactionId,
        Long amount,
        String source,
        String requestId) {

    public OrderChange {
        Objects.requireNonNull(orderNo);
        Objects.requireNonNull(target);
        Objects.requireNonNull(transition);
    }
}
