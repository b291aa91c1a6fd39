package com.minishop.payment;

import com.minishop.database.DbTime;
import com.minishop.tenant.CrossTenant;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Prunes the callback log by age ({@code PAYMENT_CALLBACK_LOG_RETENTION_DAYS}, default 90), hourly, in
 * small batches that each commit on their own so the log is never locked for long. Orders, payment and
 * refund records and the audit trail are never touched. Retention is at least {@link #MINIMUM} days:
 * settled rows are also the idempotency keys, and WeChat retries a notification for about 24 hours.
 * Deletes across tenants, hence through {@link CrossTenant}.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CallbackLogRetention {

    static final int MINIMUM = 2;
    private static final int BATCH = 5_000;
    private static final Logger LOG = Logger.getLogger(CallbackLogRetention.class.getName());

    @Inject
    @ConfigProperty(name = "PAYMENT_CALLBACK_LOG_RETENTION_DAYS", defaultValue = "90")
    int retentionDays;

    @Inject
    private CrossTenant crossTenant;

    @Schedule(hour = "*", minute = "17", persistent = false)
    void hourly() {
        try {
            prune(Duration.ofDays(Math.max(MINIMUM, retentionDays)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "callback log pruning failed, will retry next hour: {0}", e.toString());
        }
    }

    /** Deletes log rows received before {@code now - age}; returns how many. */
    public long prune(Duration age) {
        if (age.compareTo(Duration.ofDays(MINIMUM)) < 0) {
            throw new IllegalArgumentException("the callback log is kept at least " + MINIMUM + " days");
        }
        OffsetDateTime before = DbTime.now().minus(age);
        long deleted = 0;
        try {
            // each batch commits on its own, so the log is never locked for long
            for (int n = BATCH; n == BATCH; deleted += n) {
                n = crossTenant.run("callback log retention", connection -> {
                    try (var delete = connection.prepareStatement(
                            "DELETE FROM callback_log WHERE id IN (SELECT id FROM callback_log WHERE received_at < ? LIMIT "
                                    + BATCH + ")")) {
                        delete.setObject(1, before);
                        return delete.executeUpdate();
                    }
                });
            }
        } catch (SQLException e) {
            throw new IllegalStateException("callback log pruning failed after " + deleted + " rows", e);
        }
        if (deleted > 0) {
            long total = deleted;
            LOG.info(() -> "callback log: pruned " + total + " rows received before " + before);
        }
        return deleted;
    }
}
