package com.minishop.payment;

import java.time.OffsetDateTime;

/**
 * The facts behind one payment state change: the notification that reported it and, as they apply,
 * WeChat's transaction id, the time the payment succeeded, and a refund's amount in fen.
 */
public record PaymentFacts(String notificationId, String transactionId, OffsetDateTime paidAt, Long refundAmount) {}
