/**
 * The payment callback: {@link com.minishop.payment.NotifyResource} receives WeChat Pay's notification
 * and hands the raw bytes to {@link com.minishop.payment.PaymentService}, which verifies it with the
 * tenant's merchant account, applies it to the order under a row lock in one container-managed
 * transaction, stores the payment and refund facts, and logs the delivery in the callback log. {@code
 * PaymentService.updateOrderPaymentStatus} is the one place an order's payment state changes.
 */
package com.minishop.payment;
