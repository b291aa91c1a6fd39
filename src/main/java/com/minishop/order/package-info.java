/**
 * Orders, the entity a payment updates. {@link com.minishop.order.Order} carries its own state machine
 * (the original system's pay-state codes 0-5 and the order status 待支付 → 已支付 → 已退款 or closed):
 * every transition is a method that checks its inputs and says what it did, so the payment service
 * never sets a state field directly.
 */
package com.minishop.order;
