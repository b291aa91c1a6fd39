package com.minishop.payment;

import com.minishop.database.TransactionConnection;
import com.minishop.tenant.TenantBound;
import com.minishop.tenant.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The callback log: one row per delivery. Rows of applied notifications are written in the business
 * transaction, so the row and the effect commit together; rows of deliveries that change nothing are
 * written in a transaction of their own, so they survive the rollback of the business transaction.
 *
 * <p>Written with plain JDBC on the transaction's connection, because a row that settles a notification
 * id must fall back to an unsettled duplicate row when a concurrent twin settled it first ({@code ON
 * CONFLICT DO NOTHING} on the partial unique key), and EclipseLink refuses native SQL in a persistence
 * unit with multitenant entities (rightly: it would bypass the tenant criteria). Every string is cut to
 * its column and cleaned of control characters, so hostile input can neither break the insert nor forge
 * log lines.
 *
 * <p>The connection is the transaction's own ({@link TransactionConnection}). Rows that name a tenant
 * are admitted by the row-level security policy of that tenant only: in the payment service's
 * transaction the tenant is bound already; {@link #recordSeparately} binds it for its own transaction.
 * Rows of deliveries whose tenant id is not a number carry none, and a policy of their own admits
 * exactly those (migration V20).
 *
 * <p>A CDI bean rather than an EJB: every callback calls it twice inside the payment service's
 * transaction, which it simply joins, and an EJB call costs the container's whole invocation machinery
 * each time. Only {@link #recordSeparately} needs a transaction of its own ({@code REQUIRES_NEW}).
 */
@ApplicationScoped
public class CallbackLog {

    private static final Logger LOG = Logger.getLogger(CallbackLog.class.getName());

    private static final String INSERT =
            """
            INSERT INTO callback_log (id, tenant_id, received_at, notification_id, event_type, serial,
                wechat_timestamp, verified, settled, outcome, http_status, out_trade_no, transaction_id,
                message, processing_micros)
            VALUES (nextval('callback_log_id_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private static final String INSERT_SETTLING =
            INSERT + " ON CONFLICT (tenant_id, notification_id) WHERE settled DO NOTHING";

    @PersistenceContext
    private EntityManager em;

    @Inject
    private TransactionConnection transaction;

    /**
     * Logs in the caller's transaction. A row that settles its notification id and finds it already
     * settled by a concurrent delivery is logged as that delivery's duplicate instead; returns the
     * outcome actually logged.
     */
    public String record(CallbackLogRow row) {
        logLine(row);
        if (row.settles() && row.verified()) {
            if (insert(row, true, INSERT_SETTLING) == 1) {
                return row.outcome();
            }
            if (CallbackOutcome.APPLIED.name().equals(row.outcome())
                    || CallbackOutcome.APPLIED_FLAGGED.name().equals(row.outcome())) {
                // the order lock makes this impossible; if it ever happens, roll back rather than apply twice
                throw new IllegalStateException("notification " + row.notificationId() + " applied by two deliveries");
            }
            CallbackLogRow duplicate = new CallbackLogRow(
                    row.delivery(),
                    row.notificationId(),
                    row.eventType(),
                    true,
                    CallbackOutcome.DUPLICATE.name(),
                    row.httpStatus(),
                    false,
                    row.outTradeNo(),
                    row.transactionId(),
                    "settled meanwhile by a concurrent delivery");
            insert(duplicate, false, INSERT);
            return duplicate.outcome();
        }
        insert(row, false, INSERT);
        return row.outcome();
    }

    /** Logs in a transaction of its own: for deliveries whose business transaction rolls back. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordSeparately(CallbackLogRow row) {
        Long tenantId = row.delivery().tenantId();
        if (tenantId != null) {
            transaction.bindTenant(tenantId);
        }
        record(row);
    }

    /** True when a delivery of this notification id has already settled it in this tenant (in the caller's transaction). */
    public boolean isSettled(long tenantId, String notificationId) {
        try (var query = connection()
                .prepareStatement(
                        "SELECT 1 FROM callback_log WHERE tenant_id = ? AND notification_id = ? AND settled")) {
            query.setLong(1, tenantId);
            query.setString(2, notificationId);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new PersistenceException("callback log not readable", e);
        }
    }

    /** The tenant's newest deliveries first, optionally only those with one outcome. */
    @Transactional
    @TenantBound
    public List<CallbackLogEntry> newest(@TenantId long tenantId, int limit, String outcome) {
        var query = em.createQuery(
                        "SELECT e FROM CallbackLogEntry e WHERE e.tenantId = :tenant"
                                + (outcome == null ? "" : " AND e.outcome = :outcome")
                                + " ORDER BY e.receivedAt DESC, e.id DESC",
                        CallbackLogEntry.class)
                .setParameter("tenant", tenantId)
                .setMaxResults(limit);
        if (outcome != null) {
            query.setParameter("outcome", outcome);
        }
        return query.getResultList();
    }

    private int insert(CallbackLogRow row, boolean settled, String sql) {
        Delivery d = row.delivery();
        try (var insert = connection().prepareStatement(sql)) {
            insert.setObject(1, d.tenantId(), Types.BIGINT);
            insert.setObject(2, d.receivedAt());
            insert.setString(3, clean(row.notificationId(), 64));
            insert.setString(4, clean(row.eventType(), 64));
            insert.setString(5, clean(d.serial(), 64));
            insert.setString(6, clean(d.timestamp(), 32));
            insert.setBoolean(7, row.verified());
            insert.setBoolean(8, settled);
            insert.setString(9, clean(row.outcome(), 32));
            insert.setInt(10, row.httpStatus());
            insert.setString(11, clean(row.outTradeNo(), 32));
            insert.setString(12, clean(row.transactionId(), 32));
            insert.setString(13, clean(row.message(), 512));
            insert.setLong(14, d.elapsedMicros());
            return insert.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("callback log not writable", e);
        }
    }

    private Connection connection() {
        return transaction.get();
    }

    /**
     * One server-log line per delivery that needs a look: WARNING for failures, flags and mismatches, INFO
     * for refusals. Deliveries that went as expected (2xx) log at FINE only: their row in the callback log
     * and the audit record are their record, and lines per payment through the server's synchronous
     * console logging were about 3 % of the service's CPU samples under load.
     */
    static Level logLevel(CallbackLogRow row) {
        if (row.httpStatus() >= 500
                || row.outcome().endsWith("FLAGGED")
                || CallbackOutcome.MISMATCH.name().equals(row.outcome())) {
            return Level.WARNING;
        }
        return row.httpStatus() >= 300 ? Level.INFO : Level.FINE;
    }

    private static void logLine(CallbackLogRow row) {
        Delivery d = row.delivery();
        Level level = logLevel(row);
        if (LOG.isLoggable(level)) {
            LOG.log(level, "tenant {0}: notification {1} ({2}) -> {3} {4}: {5}", new Object[] {
                d.tenantId(),
                clean(row.notificationId(), 64),
                clean(row.eventType(), 64),
                row.httpStatus(),
                row.outcome(),
                clean(row.message(), 512)
            });
        }
    }

    /** Cut to the column, control characters (including NUL, which PostgreSQL refuses) replaced. */
    public static String clean(String value, int max) {
        if (value == null) {
            return null;
        }
        String cut = value.length() > max ? value.substring(0, max) : value;
        StringBuilder out = null;
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(cut.substring(0, i));
                }
                out.append('?');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? cut : out.toString();
    }
}
