/**
 * The audit trail of order payment states: the {@link com.minishop.audit.Audited} interceptor binding
 * on the payment service writes one {@link com.minishop.audit.AuditRecord} per change of an order's
 * payment state (tenant, order, from → to, the notification that caused it) in the same transaction as
 * the change, and logs the step with the tenant id.
 */
package com.minishop.audit;
