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

    /** This build: sync, close, the WeChat Pay call log and the sweep; no refunds started here, no reconciliation yet. */
    public static final ConsoleCapabilities CURRENT = new ConsoleCapabilities(true, true, false, true, true, false);
}
