package com.minishop.payment;

/** Where a payment fact came from: the audit trail and the payment record say which. */
public enum FactSource {
    /** A verified notification WeChat Pay sent. */
    NOTIFICATION,
    /** The order query ({@code sync}, or the sweep). */
    QUERY,
    /** The query after a close at WeChat Pay. */
    CLOSE,
    /** WeChat Pay placed the order (JSAPI prepay). */
    PREPAY,
    /** WeChat Pay's answer to a refund started here. */
    REFUND,
    /** The day's trade bill (the reconciliation; a refund's facts then come from the refund query). */
    BILL
}
