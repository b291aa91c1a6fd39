package com.minishop.console;

import com.minishop.database.Database;
import com.minishop.payment.PaymentNotificationsResource.Entry;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.persistence.PersistenceException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The callback log across tenants, newest first, filtered and paged by cursor. Newest is by id: ids are
 * taken from a sequence as rows are written, so they follow arrival, and the primary key serves the
 * order without an index of its own on the busy log. The cursor is the last id of a page, so rows that
 * arrive meanwhile do not shift the next page.
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

    @Resource(lookup = Database.JNDI_NAME)
    private DataSource dataSource;

    public Page list(Filter filter, Long before, int limit) {
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
        List<Entry> items = query(sql.toString(), parameters);
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

    private List<Entry> query(String sql, List<Object> parameters) {
        try (var connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
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
        } catch (SQLException e) {
            throw new PersistenceException("callback log not readable", e);
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
