package com.minishop.payment;

import com.minishop.payment.wechat.UnverifiedClaims;

/**
 * What the callback log records of one delivery besides the {@link Delivery} itself. For a verified
 * notification the ids come from the verified content; otherwise they are the unverified claims.
 */
public record CallbackLogRow(
        Delivery delivery,
        String notificationId,
        String eventType,
        boolean verified,
        String outcome,
        int httpStatus,
        boolean settles,
        String outTradeNo,
        String transactionId,
        String message) {

    /** A delivery that was not verified: only what it claims about itself is logged. */
    public static CallbackLogRow unverified(
            Delivery delivery, UnverifiedClaims claims, String outcome, int httpStatus, String message) {
        return new CallbackLogRow(
                delivery, claims.id(), claims.eventType(), false, outcome, httpStatus, false, null, null, message);
    }
}
