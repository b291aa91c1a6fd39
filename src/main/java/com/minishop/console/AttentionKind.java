package com.minishop.console;

/**
 * What a person must look at, one group per tenant and kind. Bursts of signature and decryption failures
 * count only from {@link AttentionQueue#BURST} on: a single forged request is noise, a run of them is a
 * wrong key or an attack. Discrepancies the daily reconciliation flagged for a person are one kind.
 */
public enum AttentionKind {
    FLAGGED("a payment applied or kept against our records: a person must settle it"),
    MISMATCH("verified notifications that contradict our records"),
    SERVER_ERROR("deliveries we answered 5xx: WeChat retries them"),
    BAD_SIGNATURE("deliveries whose signature did not verify"),
    DECRYPTION_FAILED("deliveries whose resource did not decrypt with the tenant's APIv3 key"),
    REFUND_CLOSED("refunds WeChat Pay closed"),
    REFUND_ABNORMAL("refunds WeChat Pay reports abnormal (the money did not reach the customer)"),
    RECONCILIATION("discrepancies with WeChat Pay's trade bill flagged for a person (see the day's report)");

    private final String description;

    AttentionKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The kind by its name, or null. */
    static AttentionKind of(String name) {
        for (AttentionKind kind : values()) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        return null;
    }
}
