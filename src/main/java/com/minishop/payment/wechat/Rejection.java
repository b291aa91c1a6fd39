package com.minishop.payment.wechat;

import com.minishop.payment.wechat.NotificationRejectedException.Reason;

/**
 * Internal signal for a failed check, turned into a {@link NotificationRejectedException} (with the
 * unverified claims of the delivery) at the edge of {@link NotificationVerifier#verify}. No stack
 * trace: it is control flow, raised by checks deep in the reading code.
 */
final class Rejection extends RuntimeException {

    private final Reason reason;

    Rejection(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
