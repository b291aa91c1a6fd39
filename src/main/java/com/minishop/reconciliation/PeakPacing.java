package com.minishop.reconciliation;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Live notifications come first: while this instance answers more than {@code busyNotifications} WeChat
 * Pay notifications a second (a payment peak, not the trickle of ordinary hours), the sweep starts at most
 * {@code busyRate} queries a second; otherwise it runs at its full concurrency. On a small machine the
 * sweep's calls (an RSA signature each, and the settling transaction) take CPU from the callback path,
 * whose answers WeChat times out, while an order waiting for its sweep loses nothing but a little time.
 *
 * <p>The notification rate is sampled at most once a second from the delivery counter; the budget of a
 * busy second is a token bucket holding at most one second's queries. Not thread-safe: the sweep's one
 * loop thread uses it.
 */
final class PeakPacing {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final LongSupplier deliveries;
    private final long busyNotifications;
    private final int busyRate;

    private long sampledAt;
    private long sampledDeliveries;
    private boolean busy;
    private double tokens;
    private long refilledAt;

    PeakPacing(LongSupplier deliveries, long busyNotifications, int busyRate, long nowNanos) {
        this.deliveries = deliveries;
        this.busyNotifications = busyNotifications;
        this.busyRate = busyRate;
        this.sampledAt = nowNanos;
        this.sampledDeliveries = deliveries.getAsLong();
        this.refilledAt = nowNanos;
        this.tokens = busyRate;
    }

    /** How many of {@code free} worker slots the sweep may fill now. */
    int allowance(int free, long nowNanos) {
        long elapsed = nowNanos - sampledAt;
        if (elapsed >= SECOND) {
            long count = deliveries.getAsLong();
            busy = (count - sampledDeliveries) * SECOND / elapsed > busyNotifications;
            sampledAt = nowNanos;
            sampledDeliveries = count;
        }
        tokens = Math.min(busyRate, tokens + (nowNanos - refilledAt) * (double) busyRate / SECOND);
        refilledAt = nowNanos;
        return busy ? Math.min(free, (int) tokens) : free;
    }

    /** The sweep started {@code n} calls. */
    void started(int n) {
        tokens = Math.max(0, tokens - n);
    }

    /** Whether the last sample saw a peak (for the log). */
    boolean busy() {
        return busy;
    }
}
