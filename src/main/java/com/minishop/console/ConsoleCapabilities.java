package com.minishop.console;

/**
 * What the API offers beyond the console's own endpoints, so that the console shows a button or a section
 * only when the API behind it exists. One place to switch each on as its feature lands.
 */
public record ConsoleCapabilities(
        boolean orderSync,
        boolean orderClose,
        boolean refund,
        boolean wechatpayCalls,
        boolean sweepBacklog,
        boolean reconciliation) {

    /**
     * This build: sync, close, the WeChat Pay call log, the sweep, refunds started here and the daily
     * reconciliation (its flagged discrepancies are in the attention queue).
     */
    public static final ConsoleCapabilities CURRENT = new ConsoleCapabilities(true, true, true, true, true, true);
}
