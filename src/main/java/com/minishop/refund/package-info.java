/**
 * Refunds started here: {@code POST /api/v1/tenants/{tenantId}/orders/{orderNo}/refunds} records the refund
 * (status {@code UNKNOWN}) in its own transaction under the order's row lock, where idempotency by {@code
 * outRefundNo} and the paid-amount limit are decided, and only then asks WeChat Pay for it, with no
 * transaction open; WeChat's answer is applied through {@link com.minishop.payment.PaymentService}. So a
 * crash between the two leaves a record that the {@link com.minishop.reconciliation.Sweep} finds on the
 * check schedule: it queries the refund and, when WeChat never heard of it, asks for it again with the same
 * number (WeChat starts at most one refund per {@code out_refund_no}). A success counts once in the order's
 * refunded sum whether the REFUND.SUCCESS notification or an answer arrives first: both take the order's row
 * lock and look at the refund record's {@code applied} flag.
 */
package com.minishop.refund;
