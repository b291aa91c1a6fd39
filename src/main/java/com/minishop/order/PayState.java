package com.minishop.order;

/** The original system's payment-state codes; the numbers are a contract (stored and returned as is). */
public enum PayState {
    UNPAID(0),
    PAYING(1),
    PAID(2),
    REFUNDED(3),
    PAYMENT_FAILED(4),
    CLOSED(5);

    private final int code;

    PayState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static PayState ofCode(int code) {
        for (PayState state : values()) {
            if (state.code == code) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown pay state code " + code);
    }

    /** The states from which a payment can still succeed or fail. */
    public boolean awaitingPayment() {
        return this == UNPAID || this == PAYING || this == PAYMENT_FAILED;
    }
}
