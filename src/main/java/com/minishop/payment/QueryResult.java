package com.minishop.payment;

import com.minishop.order.OrderView;

/** What applying WeChat's answer about an order did: the outcome, a sentence for the log, the order after it. */
public record QueryResult(QueryOutcome outcome, String message, OrderView order) {}
