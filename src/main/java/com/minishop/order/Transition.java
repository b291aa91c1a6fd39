package com.minishop.order;

/**
 * What an {@link Order} did with a payment fact: the outcome and the pay state before and after (equal
 * when nothing changed). The payment service logs and audits it and picks the HTTP answer from it.
 */
public record Transition(Outcome outcome, PayState from, PayState to) {

    public enum Outcome {
        /** The state changed as the fact says. */
        APPLIED,
        /** Applied, but a person must look: the customer paid for an order we had closed. */
        APPLIED_FLAGGED,
        /** Already in the state this fact leads to: nothing to do. */
        DUPLICATE,
        /** The order has moved past this fact (for example a success after a full refund). */
        STALE,
        /** Contradicts what we hold (a second, different transaction for a paid order): kept ours, flagged. */
        CONFLICT_FLAGGED,
        /** A refund for an order we have not seen paid: to be retried after the payment arrives. */
        NOT_PAID_YET,
        /** A refund that would take the refunded sum past the order's total. */
        EXCEEDS_TOTAL
    }

    public boolean changed() {
        return outcome == Outcome.APPLIED || outcome == Outcome.APPLIED_FLAGGED;
    }

    /** A change, or a contradiction a person must see: both belong in the audit trail. */
    public boolean audited() {
        return changed() || outcome == Outcome.CONFLICT_FLAGGED;
    }

    static Transition unchanged(Outcome outcome, PayState state) {
        return new Transition(outcome, state, state);
    }
}
