package com.minishop.payment.wechat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A notification that passed every check: signed by one of the tenant's platform keys within the
 * time window, decrypted with the tenant's APIv3 key, and read completely. {@code id} is the same
 * on every retry of one notification (use it for idempotency); {@code serial} is the serial of the
 * platform key that signed it, as provisioned; {@code timestamp} is {@code Wechatpay-Timestamp}.
 * Whether the content agrees with the order (mchid, appid, amount) is for the caller to check.
 */
public record VerifiedNotification(
        String id,
        String eventType,
        OffsetDateTime createTime,
        String summary,
        String serial,
        Instant timestamp,
        NotificationResource resource) {

    public VerifiedNotification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(resource, "resource");
    }

    public Optional<Transaction> transaction() {
        return resource instanceof Transaction transaction ? Optional.of(transaction) : Optional.empty();
    }

    public Optional<Refund> refund() {
        return resource instanceof Refund refund ? Optional.of(refund) : Optional.empty();
    }

    /**
     * Leaves out the decrypted resource, so that logging a notification logs no payment details.
     */
    @Override
    public String toString() {
        return "VerifiedNotification[id="
                + id
                + ", eventType="
                + eventType
                + ", createTime="
                + createTime
                + ", serial="
                + serial
                + ", timestamp="
                + timestamp
                + "]";
    }
}
