package com.minishop.payment;

import java.time.OffsetDateTime;

/**
 * One delivery as the callback log records it, whatever becomes of it: when it arrived, the tenant the
 * URL named (null when it named none), the serial and timestamp headers as sent (unverified), and the
 * clock reading that times its processing.
 */
public record Delivery(Long tenantId, OffsetDateTime receivedAt, long startedNanos, String serial, String timestamp) {

    public long elapsedMicros() {
        return (System.nanoTime() - startedNanos) / 1_000;
    }
}
