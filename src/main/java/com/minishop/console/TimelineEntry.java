package com.minishop.console;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One thing that happened to an order, as its timeline shows it. {@code type} says where it comes from
 * ({@code ORDER}, {@code DELIVERY}, {@code STATE_CHANGE}, {@code WECHATPAY_CALL}, {@code PAYMENT}, {@code REFUND}; later sources
 * add their own); {@code details} are the source's own facts, shown as a list of names and values.
 */
public record TimelineEntry(
        OffsetDateTime at, String type, String title, String outcome, Map<String, Object> details) {}
