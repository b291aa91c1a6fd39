package com.minishop.payment;

import java.time.OffsetDateTime;

/**
 * The facts behind one payment state change: where they came from ({@code source}: a notification, whose
 * id is {@code notificationId}, or a query, close or prepay at WeChat Pay, whose {@code Request-ID} is
 * {@code requestId}) and, as they apply, WeChat's transaction id, the time the payment succeeded, and a
 * refund's amount in fen.
 */
public record PaymentFacts(
        String notificationId,
        String transactionId,
        OffsetDateTime paidAt,
        Long refundAmount,
        FactSource source,
        String requestId) {

    /** Facts from a notification. */
    public PaymentFacts(String notificationId, String transactionId, OffsetDateTime paidAt, Long refundAmount) {
        this(notificationId, transactionId, paidAt, refundAmount, FactSource.NOTIFICATION, null);
    }

    /** Facts from a call to WeChat Pay, identified by its {@code Request-ID}. */
    public static PaymentFacts asked(FactSource source, String requestId, String transactionId, OffsetDateTime paidAt) {
        return new PaymentFacts(null, transactionId, paidAt, null, source, requestId);
    }
}
