package com.minishop.payment;

import com.minishop.order.PayState;
import com.minishop.order.Transition;

/**
 * What asking WeChat Pay about an order (sync, close, the sweep) did to it: the {@code outcome} of the
 * sync and close answers and of the call log. The trade state WeChat reports decides the target state
 * ({@link #target}); the order's state machine decides whether it moves.
 */
public enum QueryOutcome {
    /** WeChat says paid (SUCCESS or REFUND): the order is now paid, with WeChat's transaction id and time. */
    PAID,
    /** Paid at WeChat after we had closed it: applied, and a person must settle it. */
    PAID_FLAGGED,
    /** WeChat says paid by another transaction than the one we hold: ours kept, a person must look. */
    CONFLICT_FLAGGED,
    /** Closed or revoked at WeChat (or, after our close, unknown to WeChat): payState 5. */
    CLOSED,
    /** PAYERROR: payState 4, still awaiting payment. */
    PAYMENT_FAILED,
    /** Already in the state WeChat reports (or moved past it): nothing to do. */
    UNCHANGED_SETTLED,
    /** NOTPAY, USERPAYING, ACCEPT or a state we do not know: nothing changes, asked again later. */
    UNCHANGED,
    /** WeChat has no such order (never prepaid, or too young to be found): nothing changes. */
    NOT_FOUND_AT_WECHAT,
    /** WeChat's answer contradicts our records (mchid, appid, order number, amount, currency): not applied. */
    MISMATCH,
    /** The close at WeChat did not end in CLOSED (the payer is paying, or the order was paid): not closed. */
    NOT_CLOSED;

    /**
     * The state a queried trade_state leads to: SUCCESS and REFUND (paid, then refunded) → paid; CLOSED and
     * REVOKED → closed; PAYERROR → payment failed; NOTPAY, USERPAYING and anything else → null (unchanged).
     */
    public static PayState target(String tradeState) {
        return switch (tradeState == null ? "" : tradeState) {
            case "SUCCESS", "REFUND" -> PayState.PAID;
            case "CLOSED", "REVOKED" -> PayState.CLOSED;
            case "PAYERROR" -> PayState.PAYMENT_FAILED;
            default -> null;
        };
    }

    /** The outcome of applying a target state through the order's state machine. */
    static QueryOutcome of(PayState target, Transition.Outcome outcome) {
        return switch (outcome) {
            case APPLIED -> switch (target) {
                case PAID -> PAID;
                case CLOSED -> CLOSED;
                case PAYMENT_FAILED -> PAYMENT_FAILED;
                default -> UNCHANGED;
            };
            case APPLIED_FLAGGED -> PAID_FLAGGED;
            case CONFLICT_FLAGGED -> CONFLICT_FLAGGED;
            case DUPLICATE, STALE, NOT_PAID_YET, EXCEEDS_TOTAL -> UNCHANGED_SETTLED;
        };
    }
}
