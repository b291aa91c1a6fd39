package com.minishop.bill;

import java.util.concurrent.TimeUnit;

/**
 * The reconciliation is background work on the machine that answers WeChat's notifications: after each
 * piece of it (a batch of bill rows, a window of the comparison) it rests three times as long as the piece
 * took (at most a second), so it takes about a quarter of one core and of the database's work, and the
 * callbacks keep the rest. A day of 10^6 rows then takes about four times as long (minutes; a run's lease is
 * 30); unpaced, it
 * cost the callbacks 13 % of their throughput on the 2-core reference machine, resting twice as long 10 %
 * (see the README's reconciliation benchmark).
 */
final class Pacer {

    /** Rest per unit of work. */
    static final int REST = 3;

    /**
     * The longest rest: a piece that waited on WeChat Pay or applied many facts is not CPU to give back, and
     * a run must end within its lease (30 minutes), resting inside open transactions well under the 30 s
     * idle-in-transaction limit.
     */
    static final long MAX_REST_NANOS = TimeUnit.SECONDS.toNanos(1);

    private long started = System.nanoTime();

    /** Rests after the work since the last rest (or since this pacer was made). */
    void rest() {
        long worked = System.nanoTime() - started;
        try {
            TimeUnit.NANOSECONDS.sleep(Math.min(worked * REST, MAX_REST_NANOS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the reconciliation was interrupted", e);
        }
        started = System.nanoTime();
    }
}
