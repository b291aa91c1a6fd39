package com.minishop.console;

import com.minishop.order.PayState;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The timeline sources of what exists today: deliveries, audit rows, calls to WeChat Pay, the payment and
 * the refunds.
 */
public final class OrderTimelineSources {

    private OrderTimelineSources() {}

    /** Every delivery of a notification about the order, whatever became of it. */
    @ApplicationScoped
    public static class Deliveries implements TimelineSource {
        @Override
        public List<TimelineEntry> entries(Connection connection, long tenantId, String orderNo) throws SQLException {
            return query(
                    connection,
                    "SELECT " + DeliveryLog.COLUMNS
                            + " FROM callback_log WHERE out_trade_no = ? AND tenant_id = ? ORDER BY id",
                    orderNo,
                    tenantId,
                    row -> {
                        var e = DeliveryLog.entry(row);
                        return new TimelineEntry(
                                e.receivedAt(),
                                "DELIVERY",
                                (e.eventType() == null ? "notification" : e.eventType()) + " delivered",
                                e.outcome(),
                                details(
                                        "notificationId", e.notificationId(),
                                        "httpStatus", e.httpStatus(),
                                        "transactionId", e.transactionId(),
                                        "message", e.message(),
                                        "durationMs", e.processingMicros() / 1000.0));
                    });
        }
    }

    /** Every change of the order's payment state (the audit trail): from → to, and what caused it. */
    @ApplicationScoped
    public static class StateChanges implements TimelineSource {
        @Override
        public List<TimelineEntry> entries(Connection connection, long tenantId, String orderNo) throws SQLException {
            return query(
                    connection,
                    "SELECT occurred_at, action, outcome, from_pay_state, to_pay_state, notification_id,"
                            + " transaction_id, amount, source, request_id FROM audit_record WHERE order_no = ? AND tenant_id = ? ORDER BY id",
                    orderNo,
                    tenantId,
                    row -> new TimelineEntry(
                            row.getObject("occurred_at", OffsetDateTime.class),
                            "STATE_CHANGE",
                            state(row.getInt("from_pay_state")) + " → " + state(row.getInt("to_pay_state")),
                            row.getString("outcome"),
                            details(
                                    "from", row.getInt("from_pay_state"),
                                    "to", row.getInt("to_pay_state"),
                                    "action", row.getString("action"),
                                    "source",
                                            source(
                                                    row.getString("source"),
                                                    row.getString("notification_id"),
                                                    row.getString("request_id")),
                                    "transactionId", row.getString("transaction_id"),
                                    "amount", row.getObject("amount"))));
        }

        private static String state(int code) {
            return PayState.ofCode(code).name() + " (" + code + ")";
        }

        /** A notification by its id; a query, close or prepay by WeChat's Request-ID. */
        private static String source(String source, String notificationId, String requestId) {
            if (notificationId != null) {
                return "notification " + notificationId;
            }
            if (source == null) {
                return "this service";
            }
            return source.toLowerCase(java.util.Locale.ROOT)
                    + (requestId == null ? "" : " (Request-ID " + requestId + ")");
        }
    }

    /** The successful payment's facts as WeChat Pay reported them. */
    @ApplicationScoped
    public static class Payments implements TimelineSource {
        @Override
        public List<TimelineEntry> entries(Connection connection, long tenantId, String orderNo) throws SQLException {
            return query(
                    connection,
                    "SELECT created_at, success_time, transaction_id, trade_type, trade_state, bank_type, amount_total, payer_total,"
                            + " currency, notification_id FROM payment_record WHERE out_trade_no = ? AND tenant_id = ?",
                    orderNo,
                    tenantId,
                    row -> new TimelineEntry(
                            row.getObject("created_at", OffsetDateTime.class),
                            "PAYMENT",
                            "paid " + row.getLong("amount_total") + " fen (" + row.getString("currency") + ")",
                            row.getString("trade_state"),
                            details(
                                    "successTime", row.getObject("success_time", OffsetDateTime.class),
                                    "transactionId", row.getString("transaction_id"),
                                    "tradeType", row.getString("trade_type"),
                                    "bankType", row.getString("bank_type"),
                                    "payerTotal", row.getObject("payer_total"),
                                    "notificationId", row.getString("notification_id"))));
        }
    }

    /** Every call this service made to WeChat Pay about the order: prepay, query, close. */
    @ApplicationScoped
    public static class WechatPayCalls implements TimelineSource {
        @Override
        public List<TimelineEntry> entries(Connection connection, long tenantId, String orderNo) throws SQLException {
            return query(
                    connection,
                    "SELECT called_at, operation, trigger, http_status, error_code, request_id, duration_ms, outcome,"
                            + " message FROM wechatpay_call WHERE out_trade_no = ? AND tenant_id = ? ORDER BY id",
                    orderNo,
                    tenantId,
                    row -> new TimelineEntry(
                            row.getObject("called_at", OffsetDateTime.class),
                            "WECHATPAY_CALL",
                            row.getString("operation").toLowerCase(java.util.Locale.ROOT) + " at WeChat Pay, by the "
                                    + ("SWEEP".equals(row.getString("trigger")) ? "sweep" : "API"),
                            row.getString("outcome"),
                            details(
                                    "httpStatus", row.getObject("http_status"),
                                    "errorCode", row.getString("error_code"),
                                    "requestId", row.getString("request_id"),
                                    "durationMs", row.getInt("duration_ms"),
                                    "message", row.getString("message"))));
        }
    }

    /** Each refund and its latest status. */
    @ApplicationScoped
    public static class Refunds implements TimelineSource {
        @Override
        public List<TimelineEntry> entries(Connection connection, long tenantId, String orderNo) throws SQLException {
            return query(
                    connection,
                    "SELECT updated_at AS at, success_time, out_refund_no, refund_id, refund_status,"
                            + " amount_refund, amount_total, applied, notification_id FROM refund_record"
                            + " WHERE out_trade_no = ? AND tenant_id = ? ORDER BY id",
                    orderNo,
                    tenantId,
                    row -> new TimelineEntry(
                            row.getObject("at", OffsetDateTime.class),
                            "REFUND",
                            "refund " + row.getString("out_refund_no") + ": " + row.getLong("amount_refund") + " of "
                                    + row.getLong("amount_total") + " fen",
                            row.getString("refund_status"),
                            details(
                                    "outRefundNo", row.getString("out_refund_no"),
                                    "refundId", row.getString("refund_id"),
                                    "successTime", row.getObject("success_time", OffsetDateTime.class),
                                    "counted", row.getBoolean("applied"),
                                    "notificationId", row.getString("notification_id"))));
        }
    }

    private interface RowMapper {
        TimelineEntry map(ResultSet row) throws SQLException;
    }

    private static List<TimelineEntry> query(
            Connection connection, String sql, String orderNo, long tenantId, RowMapper mapper) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.setString(1, orderNo);
            statement.setLong(2, tenantId);
            List<TimelineEntry> entries = new ArrayList<>();
            try (var row = statement.executeQuery()) {
                while (row.next()) {
                    entries.add(mapper.map(row));
                }
            }
            return entries;
        }
    }

    /** Name/value pairs in order, without the absent ones. */
    static Map<String, Object> details(Object... pairs) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                details.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return details;
    }
}
