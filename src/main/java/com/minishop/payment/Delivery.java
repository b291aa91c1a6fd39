package com.minishop.payment;

import java.time.OffsetDateTime;

/**
 * One delivery as the callback log records it, whatever becomes of it: when it arrived, the tenant the
 * URL named (null when it named none), the serial and timestamp headers as sent (unverified), the
 * clock reading that times its processing, and the witness of how its transaction ended.
 */
public record Delivery(
        Long tenantId,
        OffsetDateTime receivedAt,
        long startedNanos,
        String serial,
        String timestamp,
        CommitWitness commit) {

    public Delivery(Long tenantId, OffsetDateTime receivedAt, long startedNanos, String serial, String timestamp) {
        this(tenantId, receivedAt, startedNanos, serial, timestamp, new CommitWitness());
    }

    public long elapsedMicros() {
        return (System.nanoTime() - startedNanos) / 1_000;
    }
}
