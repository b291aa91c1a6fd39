package com.minishop.payment;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;

/**
 * Learns how the transaction of one delivery ended. A container-managed transaction that timed out or
 * was marked rollback-only is rolled back silently when the method returns normally; the answer the
 * method built would then claim an effect that was never stored. The endpoint sends a 2xx only when this
 * witness saw the commit.
 */
public final class CommitWitness implements Synchronization {

    private volatile boolean committed;

    @Override
    public void beforeCompletion() {}

    @Override
    public void afterCompletion(int status) {
        committed = status == Status.STATUS_COMMITTED;
    }

    public boolean committed() {
        return committed;
    }
}
