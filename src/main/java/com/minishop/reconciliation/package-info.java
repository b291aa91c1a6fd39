/**
 * Asking WeChat Pay instead of only waiting for its notifications: placing an order for a payer (prepay,
 * which also gives WeChat the notify URL), querying an order now ({@code sync}), closing it, and the
 * {@link com.minishop.reconciliation.Sweep} that queries every unpaid order of a tenant with API access on
 * a schedule and closes the expired ones. No database transaction is held open across a call to WeChat:
 * {@link com.minishop.reconciliation.OrderPayments} reads, calls, then hands WeChat's answer to {@link
 * com.minishop.payment.PaymentService}, which applies it under the order's row lock through the same
 * audited {@code updateOrderPaymentStatus} as a notification. The sweep's claim spans tenants and is the
 * one cross-tenant statement here, through {@link com.minishop.tenant.CrossTenant}.
 */
package com.minishop.reconciliation;
