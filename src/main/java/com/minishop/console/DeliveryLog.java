package com.minishop.console;

import com.minishop.database.TransactionConnection;
import com.minishop.payment.PaymentNotificationsResource.Entry;
import com.minishop.tenant.CrossTenant;
import com.minishop.tenant.TenantBound;
import com.minishop.tenant.TenantId;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The callback log across tenants, newest first, filtered and paged by cursor. Newest is by id: ids are
 * taken from a sequence as rows are written, so they follow arrival, and the primary key serves the
 * order without an index of its own on the busy log. The cursor is the last id of a page, so rows that
 * arrive meanwhile do not shift the next page.
 *
 * <p>One tenant's log is read in that tenant's transaction (row-level security admits its rows only); the
 * log of every tenant through {@link CrossTenant}, the one way around the policy.
 */
@Stateless
public class DeliveryLog {

    /** What to list; null fields do not filter. */
    public record Filter(
            Long tenantId, String outcome, String eventType, OffsetDateTime from, OffsetDateTime to, String search) {}

    /** One page, and the cursor of the next one (null on the last page). */
    public record Page(List<Entry> items, String nextCursor) {}

    static final String COLUMNS = "id, received_at, tenant_id, notification_id, event_type, serial, wechat_timestamp,"
            + " verified, settled, outcome, http_status, out_trade_no, transaction_id, message, processing_micros";

    @Inject
    private CrossTenant crossTenant;

    @Resource
    private SessionContext context;

    @Inject
    private TransactionConnection transaction;

    /** Every tenant's deliveries, or only those of {@code filter.tenantId()} when it is set. */
    public Page list(Filter filter, Long before, int limit) {
        if (filter.tenantId() != null) {
            // through the container, so that the tenant is bound
            return context.getBusinessObject(DeliveryLog.class).ofTenant(filter.tenantId(), filter, before, limit);
        }
        try {
            return crossTenant.run("deliveries across tenants", connection -> page(connection, filter, before, limit));
        } catch (SQLException e) {
            throw new PersistenceException("callback log not readable", e);
        }
    }

    /** One tenant's deliveries, in its transaction. */
    @TenantBound
    public Page ofTenant(@TenantId long tenantId, Filter filter, Long before, int limit) {
        try {
            return page(transaction.get(), filter, before, limit);
        } catch (SQLException e) {
            throw new PersistenceException("callback log not readable", e);
        }
    }

    private static Page page(Connection connection, Filter filter, Long before, int limit) throws SQLException {
        var sql = new StringBuilder("SELECT " + COLUMNS + " FROM callback_log WHERE true");
        List<Object> parameters = new ArrayList<>();
        condition(sql, parameters, " AND tenant_id = ?", filter.tenantId());
        condition(sql, parameters, " AND outcome = ?", filter.outcome());
        condition(sql, parameters, " AND event_type = ?", filter.eventType());
        condition(sql, parameters, " AND received_at >= ?", filter.from());
        condition(sql, parameters, " AND received_at < ?", filter.to());
        condition(sql, parameters, " AND id < ?", before);
        if (filter.search() != null) {
            // a refund number finds the deliveries of its order: the log keeps out_trade_no, not out_refund_no
            sql.append(
                    " AND (notification_id = ? OR out_trade_no = ? OR transaction_id = ? OR (tenant_id, out_trade_no)"
                            + " IN (SELECT tenant_id, out_trade_no FROM refund_record WHERE out_refund_no = ?))");
            for (int i = 0; i < 4; i++) {
                parameters.add(filter.search());
            }
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        parameters.add(limit + 1);
        List<Entry> items = query(connection, sql.toString(), parameters);
        String next = null;
        if (items.size() > limit) {
            items = items.subList(0, limit);
            next = Long.toString(items.get(limit - 1).id());
        }
        return new Page(List.copyOf(items), next);
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            sql.append(condition);
            parameters.add(value);
        }
    }

    private static List<Entry> query(Connection connection, String sql, List<Object> parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            List<Entry> entries = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    entries.add(entry(row));
                }
            }
            return entries;
        }
    }

    static Entry entry(ResultSet row) throws SQLException {
        return new Entry(
                row.getLong("id"),
                row.getObject("received_at", OffsetDateTime.class),
                (Long) row.getObject("tenant_id", Long.class),
                row.getString("notification_id"),
                row.getString("event_type"),
                row.getString("serial"),
                row.getString("wechat_timestamp"),
                row.getBoolean("verified"),
                row.getBoolean("settled"),
                row.getString("outcome"),
                row.getInt("http_status"),
                row.getString("out_trade_no"),
                row.getString("transaction_id"),
                row.getString("message"),
                row.getLong("processing_micros"));
    }
}
