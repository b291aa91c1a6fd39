package com.minishop.payment;

import com.minishop.payment.wechat.NotificationRejectedException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What became of a delivery, as the callback log records it, with the HTTP status WeChat Pay gets. The
 * verifier's rejection reasons (see {@link NotificationRejectedException.Reason}) are outcomes too and
 * are logged under their own names.
 */
public enum CallbackOutcome {
    /** Verified and applied: the order changed. */
    APPLIED(204, true),
    /** Applied, and a person must look (a payment for an order we had closed). */
    APPLIED_FLAGGED(204, true),
    /** This notification, or its fact, was already applied. */
    DUPLICATE(204, false),
    /** The order has moved past this fact (a success after a full refund). */
    STALE(204, true),
    /** Contradicts a fact we hold (a second, different transaction for a paid order): ours kept, flagged. */
    CONFLICT_FLAGGED(204, true),
    /** A trade state that changes nothing (NOTPAY, USERPAYING, ...). */
    IGNORED(204, true),
    /** A refund that changes no state (ABNORMAL, CLOSED) was recorded. */
    RECORDED(204, true),
    /** A refund for an order not seen paid: recorded; WeChat retries once the payment has arrived. */
    NOT_PAID_YET(409, false),
    /** The URL names a tenant without a merchant account (or no tenant at all). */
    UNKNOWN_TENANT(404, false),
    /** Verified, but no such order in this tenant; WeChat retries, so an order created later still gets paid. */
    ORDER_NOT_FOUND(404, false),
    /** Verified, but it contradicts our records (mchid, appid, amount, currency, refund sum). */
    MISMATCH(422, false),
    /** We failed to store it; WeChat retries. */
    ERROR(500, false);

    private final int httpStatus;
    private final boolean settles;

    CallbackOutcome(int httpStatus, boolean settles) {
        this.httpStatus = httpStatus;
        this.settles = settles;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** True when the notification id is done with: a later delivery of it is a duplicate. */
    public boolean settles() {
        return settles;
    }

    /** Every code the callback log may hold: these outcomes and the verifier's rejection reasons. */
    public static final Set<String> ALL_CODES = Stream.concat(
                    Arrays.stream(values()).map(Enum::name),
                    Arrays.stream(NotificationRejectedException.Reason.values()).map(Enum::name))
            .collect(Collectors.toUnmodifiableSet());
}
