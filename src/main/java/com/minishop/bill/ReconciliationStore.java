package com.minishop.bill;

import com.minishop.bill.ReconciliationReport.Discrepancy;
import com.minishop.bill.TradeBillReader.Row;
import com.minishop.bill.TradeBillReader.Unreadable;
import com.minishop.database.TransactionConnection;
import com.minishop.tenant.TenantBound;
import com.minishop.tenant.TenantId;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reconciliation's tables for one tenant: every method is a transaction bound to its tenant, its SQL on
 * the transaction's connection ({@link TransactionConnection}), so row-level security admits that tenant's
 * rows only. {@link Reconciliations} strings these transactions together; none of them spans a call to
 * WeChat Pay. What may be as large as the bill (its rows, the discrepancies) goes row by row to the tables
 * and is read back window by window: never a list of the whole in memory.
 */
@Stateless
@TenantBound
public class ReconciliationStore {

    /** A claimed day: its row and which run of it this is. */
    public record Claim(long id, int run) {}

    /**
     * Bill lines per statement. A busy merchant's day is 10^6 lines: the statements that read the bill or our
     * records take a window of lines (or an hour of our records), so that each stays far inside the pool's
     * statement timeout (4 s) and the driver's socket timeout (5 s), whatever the day's size. Two statements
     * still go over the day's discrepancies at once (the unreadable rows, the flagged facts a re-run no longer
     * meets): as large as the day's problems, not the day.
     */
    static final int WINDOW = 10_000;

    /** The most discrepancies a report carries; {@code discrepancyCount} has them all. */
    static final int REPORT_CAP = 1000;

    @Inject
    TransactionConnection transaction;

    /** The claim statement of one tenant's day; the same for the admin's run and (across tenants) the daily run. */
    static String claimSql(boolean scheduled) {
        return "INSERT INTO reconciliation (tenant_id, bill_date, status, running_until)"
                + " VALUES (?, ?, 'PENDING', now() + make_interval(mins => ?))"
                + " ON CONFLICT (tenant_id, bill_date) DO UPDATE SET running_until = EXCLUDED.running_until,"
                + " run_number = reconciliation.run_number + 1"
                + " WHERE (reconciliation.running_until IS NULL OR reconciliation.running_until < now())"
                + (scheduled
                        ? " AND reconciliation.status IN ('PENDING', 'FAILED')"
                                + " AND (reconciliation.next_attempt_at IS NULL"
                                + " OR reconciliation.next_attempt_at <= now())"
                        : "")
                + " RETURNING id, run_number";
    }

    static Optional<Claim> claim(Connection connection, long tenantId, LocalDate date, boolean scheduled)
            throws SQLException {
        try (var claim = connection.prepareStatement(claimSql(scheduled))) {
            claim.setLong(1, tenantId);
            claim.setObject(2, date);
            claim.setInt(3, Reconciliations.LEASE_MINUTES);
            try (var rows = claim.executeQuery()) {
                return rows.next() ? Optional.of(new Claim(rows.getLong(1), rows.getInt(2))) : Optional.empty();
            }
        }
    }

    /** The admin's claim of the day (the daily run claims across tenants: {@link Reconciliations#due}). */
    public Optional<Claim> claim(@TenantId long tenantId, LocalDate date) {
        return sql(() -> claim(transaction.get(), tenantId, date, false));
    }

    /**
     * The run is over: the lease ends and its bill rows go, unless a later run of the day has taken over (this
     * run outlasted its lease): those rows are the later run's.
     */
    public void release(@TenantId long tenantId, Claim claim, OffsetDateTime startedAt) {
        if (update(
                        "UPDATE reconciliation SET running_until = NULL, started_at = ? WHERE id = ? AND run_number = ?",
                        startedAt,
                        claim.id(),
                        claim.run())
                == 1) {
            sql(() -> {
                deleteRows(transaction.get(), claim.id());
                return null;
            });
        }
    }

    /**
     * The run holds the day another lease from now; called between windows, so a long day keeps it. Throws when
     * the lease was lost (another run of the day took over): this run stops, changing nothing more.
     */
    public void renew(@TenantId long tenantId, Claim claim) {
        if (update(
                        "UPDATE reconciliation SET running_until = now() + make_interval(mins => ?)"
                                + " WHERE id = ? AND run_number = ?",
                        Reconciliations.LEASE_MINUTES,
                        claim.id(),
                        claim.run())
                != 1) {
            throw new IllegalStateException("run " + claim.run() + " of reconciliation " + claim.id()
                    + " lost its lease: a later run has the day");
        }
    }

    public void pending(@TenantId long tenantId, Claim claim, String reason, int retryMinutes) {
        update(
                "UPDATE reconciliation SET status = 'PENDING', reason = ?, next_attempt_at = now()"
                        + " + make_interval(mins => ?), finished_at = now() WHERE id = ? AND run_number = ?",
                reason,
                retryMinutes,
                claim.id(),
                claim.run());
    }

    /**
     * Reads the bill into bill_row in one transaction: a summary that disagrees (thrown by {@code finish})
     * rolls every row back. Rows that cannot be read or compared are staged as kind U with the reason.
     */
    public ReconciliationReport.Wechat stage(@TenantId long tenantId, long id, String mchId, BillFile bill) {
        return sql(() -> {
            Connection connection = transaction.get();
            deleteRows(connection, id); // a crashed run's rows
            try (var reader = new TradeBillReader(bill.open());
                    var insert = connection.prepareStatement(
                            "INSERT INTO bill_row (tenant_id, reconciliation_id, line, kind, out_trade_no,"
                                    + " transaction_id, out_refund_no, refund_status, amount, happened_at, reason)"
                                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int batched = 0;
                var pacer = new Pacer();
                for (var entry = reader.next(); entry != null; entry = reader.next()) {
                    insert.setLong(1, tenantId);
                    insert.setLong(2, id);
                    if (entry instanceof Unreadable u) {
                        unreadable(insert, u.line(), u.reason());
                    } else {
                        Row row = (Row) entry;
                        String problem = Reconciliations.problem(row, mchId);
                        if (problem != null) {
                            unreadable(insert, row.line(), problem);
                        } else {
                            boolean payment = row.kind() == TradeBillReader.Kind.PAYMENT;
                            insert.setInt(3, row.line());
                            insert.setString(4, payment ? "P" : "R");
                            insert.setString(5, row.outTradeNo());
                            insert.setString(6, row.transactionId());
                            insert.setString(7, row.outRefundNo());
                            insert.setString(8, row.refundStatus());
                            insert.setLong(9, payment ? row.settlementAmount() : row.refundAmount());
                            insert.setObject(10, row.time());
                            insert.setString(11, null);
                        }
                    }
                    insert.addBatch();
                    if (++batched == 1000) {
                        insert.executeBatch();
                        batched = 0;
                        pacer.rest();
                    }
                }
                insert.executeBatch();
                var totals = reader.finish(); // a summary that disagrees fails the day here, nothing staged
                return new ReconciliationReport.Wechat(
                        totals.payments(),
                        totals.paymentAmount(),
                        totals.refunds(),
                        totals.refundAmount(),
                        totals.fees());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The run's bill rows, deleted window by window. */
    private static void deleteRows(Connection connection, long id) throws SQLException {
        int last = lastLine(connection, id);
        try (var delete = connection.prepareStatement(
                "DELETE FROM bill_row WHERE reconciliation_id = ? AND line > ? AND line <= ?")) {
            // not paced: the release must also end a run whose thread was interrupted
            for (int after = 0; after < last; after += WINDOW) {
                delete.setLong(1, id);
                delete.setInt(2, after);
                delete.setInt(3, after + WINDOW);
                delete.executeUpdate();
            }
        }
    }

    /** The staged bill's last line number (0 when none is staged): the comparison goes up to it window by window. */
    public int lastLine(@TenantId long tenantId, long id) {
        return sql(() -> lastLine(transaction.get(), id));
    }

    private static int lastLine(Connection connection, long id) throws SQLException {
        try (var select = connection.prepareStatement(
                "SELECT coalesce(max(line), 0) FROM bill_row WHERE reconciliation_id = ?")) {
            select.setLong(1, id);
            try (var rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static void unreadable(PreparedStatement insert, int line, String reason) throws SQLException {
        Reconciliations.logUnreadable(line, reason);
        insert.setInt(3, line);
        insert.setString(4, "U");
        for (int i = 5; i <= 10; i++) {
            insert.setObject(i, null);
        }
        insert.setString(11, reason.length() > 512 ? reason.substring(0, 512) : reason);
    }

    /**
     * The bill is whole and checked: the comparison of run {@code run} begins. The unreadable rows are its
     * first discrepancies.
     */
    public void beginComparison(@TenantId long tenantId, long id, int run) {
        execute(
                "INSERT INTO reconciliation_discrepancy (tenant_id, reconciliation_id, run_number, kind, resolution,"
                        + " line) SELECT tenant_id, reconciliation_id, ?, 'UNREADABLE_ROW', 'FLAGGED', line"
                        + " FROM bill_row WHERE reconciliation_id = ? AND kind = 'U' ORDER BY line"
                        + ON_FACT,
                run,
                id);
    }

    /** A fact met again keeps its row, when it was first found and an earlier resolution (APPLIED stays). */
    private static final String ON_FACT = " ON CONFLICT (reconciliation_id, kind, coalesce(out_trade_no, ''),"
            + " coalesce(out_refund_no, ''), coalesce(line, 0)) DO UPDATE SET run_number = EXCLUDED.run_number";

    /** A bill payment we have not recorded as WeChat has it, with what we know of its order. */
    public record PaymentProblem(
            int line,
            String outTradeNo,
            String transactionId,
            long amount,
            OffsetDateTime paidAt,
            Long orderAmount,
            Long paidAmount) {}

    /** The problem payments of bill lines {@code afterLine} (exclusive) to {@code throughLine}. */
    public List<PaymentProblem> paymentProblems(@TenantId long tenantId, long id, int afterLine, int throughLine) {
        return sql(() -> {
            try (var select = transaction
                    .get()
                    .prepareStatement(
                            """
                    SELECT b.line, b.out_trade_no, b.transaction_id, b.amount, b.happened_at,
                           o.amount_total AS order_amount, p.amount_total AS paid_amount
                    FROM bill_row b
                    LEFT JOIN orders o ON o.tenant_id = b.tenant_id AND o.order_no = b.out_trade_no
                    LEFT JOIN payment_record p ON p.tenant_id = b.tenant_id AND p.out_trade_no = b.out_trade_no
                    WHERE b.reconciliation_id = ? AND b.line > ? AND b.line <= ? AND b.kind = 'P'
                      AND (p.id IS NULL OR p.amount_total <> b.amount OR p.transaction_id <> b.transaction_id)
                    ORDER BY b.line
                    """)) {
                select.setLong(1, id);
                select.setInt(2, afterLine);
                select.setInt(3, throughLine);
                List<PaymentProblem> page = new ArrayList<>();
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        page.add(new PaymentProblem(
                                rows.getInt(1),
                                rows.getString(2),
                                rows.getString(3),
                                rows.getLong(4),
                                rows.getObject(5, OffsetDateTime.class).withOffsetSameInstant(Reconciliations.BEIJING),
                                (Long) rows.getObject(6),
                                (Long) rows.getObject(7)));
                    }
                }
                return page;
            }
        });
    }

    /** A successful bill refund we have not counted as WeChat has it. */
    public record RefundProblem(
            int line,
            String outTradeNo,
            String transactionId,
            String outRefundNo,
            long amount,
            boolean orderKnown,
            Long ourAmount) {}

    /** The problem refunds of bill lines {@code afterLine} (exclusive) to {@code throughLine}. */
    public List<RefundProblem> refundProblems(@TenantId long tenantId, long id, int afterLine, int throughLine) {
        return sql(() -> {
            try (var select = transaction
                    .get()
                    .prepareStatement(
                            """
                    SELECT b.line, b.out_trade_no, b.transaction_id, b.out_refund_no, b.amount,
                           o.id IS NOT NULL AS order_known, r.amount_refund
                    FROM bill_row b
                    LEFT JOIN orders o ON o.tenant_id = b.tenant_id AND o.order_no = b.out_trade_no
                    LEFT JOIN refund_record r ON r.tenant_id = b.tenant_id AND r.out_refund_no = b.out_refund_no
                    WHERE b.reconciliation_id = ? AND b.line > ? AND b.line <= ? AND b.kind = 'R' AND b.refund_status = 'SUCCESS'
                      AND (r.id IS NULL OR r.amount_refund <> b.amount OR NOT r.applied)
                    ORDER BY b.line
                    """)) {
                select.setLong(1, id);
                select.setInt(2, afterLine);
                select.setInt(3, throughLine);
                List<RefundProblem> page = new ArrayList<>();
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        page.add(new RefundProblem(
                                rows.getInt(1),
                                rows.getString(2),
                                rows.getString(3),
                                rows.getString(4),
                                rows.getLong(5),
                                rows.getBoolean(6),
                                (Long) rows.getObject(7)));
                    }
                }
                return page;
            }
        });
    }

    /** Stores discrepancies of run {@code run} as they were found. */
    public void add(@TenantId long tenantId, long id, int run, List<Discrepancy> found) {
        sql(() -> {
            try (var insert = transaction
                    .get()
                    .prepareStatement("INSERT INTO reconciliation_discrepancy (tenant_id, reconciliation_id,"
                            + " run_number, kind, out_trade_no, transaction_id, out_refund_no, wechat_amount,"
                            + " our_amount, resolution, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            + ON_FACT)) {
                for (Discrepancy d : found) {
                    insert.setLong(1, tenantId);
                    insert.setLong(2, id);
                    insert.setInt(3, run);
                    insert.setString(4, d.kind());
                    insert.setString(5, d.outTradeNo());
                    insert.setString(6, d.transactionId());
                    insert.setString(7, d.outRefundNo());
                    insert.setObject(8, d.wechatAmount());
                    insert.setObject(9, d.ourAmount());
                    insert.setString(10, d.resolution());
                    insert.setObject(11, d.line());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /**
     * Our payments and refunds that succeeded within the day and that the bill lacks, flagged, an hour of
     * the day per statement; then the end of the comparison: FLAGGED facts of earlier runs not met again are
     * gone. Returns the day's discrepancy count.
     */
    public long endComparison(@TenantId long tenantId, long id, int run, OffsetDateTime from, OffsetDateTime to) {
        var pacer = new Pacer();
        for (OffsetDateTime hour = from; hour.isBefore(to); hour = hour.plusHours(1)) {
            missingAtWechat(tenantId, id, run, hour, min(hour.plusHours(1), to));
            pacer.rest();
        }
        execute(
                "DELETE FROM reconciliation_discrepancy WHERE reconciliation_id = ? AND run_number < ?"
                        + " AND resolution = 'FLAGGED'",
                id,
                run);
        return sql(() -> count(transaction.get(), id));
    }

    private static OffsetDateTime min(OffsetDateTime a, OffsetDateTime b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * {@code OFFSET 0} keeps each NOT EXISTS a lookup in bill_row's index per record. Without it the planner
     * makes it an anti join, and a bill staged a moment ago has no statistics yet (autovacuum analyses later):
     * taking the bill for a row or two, it compared every record with every bill row (quadratic; 0.6 s for an
     * hour of 3,600 payments against 20,000 rows, against 19 ms by the index).
     */
    private void missingAtWechat(long tenantId, long id, int run, OffsetDateTime from, OffsetDateTime to) {
        execute(
                """
                INSERT INTO reconciliation_discrepancy (tenant_id, reconciliation_id, run_number, kind,
                    out_trade_no, transaction_id, out_refund_no, our_amount, resolution)
                SELECT * FROM (
                    SELECT p.tenant_id, ?::bigint, ?::integer, 'MISSING_AT_WECHAT', p.out_trade_no, p.transaction_id,
                           NULL::varchar, p.amount_total, 'FLAGGED'
                    FROM payment_record p
                    WHERE p.tenant_id = ? AND p.success_time >= ? AND p.success_time < ? AND NOT EXISTS (
                        SELECT 1 FROM bill_row b
                        WHERE b.reconciliation_id = ? AND b.kind = 'P' AND b.out_trade_no = p.out_trade_no OFFSET 0)
                    ORDER BY p.success_time, p.out_trade_no) payments
                UNION ALL
                SELECT * FROM (
                    SELECT r.tenant_id, ?::bigint, ?::integer, 'MISSING_AT_WECHAT', r.out_trade_no, r.transaction_id,
                           r.out_refund_no, r.amount_refund, 'FLAGGED'
                    FROM refund_record r
                    WHERE r.tenant_id = ? AND r.refund_status = 'SUCCESS' AND r.success_time >= ?
                      AND r.success_time < ? AND NOT EXISTS (
                        SELECT 1 FROM bill_row b
                        WHERE b.reconciliation_id = ? AND b.kind = 'R' AND b.out_refund_no = r.out_refund_no OFFSET 0)
                    ORDER BY r.success_time, r.out_refund_no) refunds
                """
                        + ON_FACT,
                id,
                run,
                tenantId,
                from,
                to,
                id,
                id,
                run,
                tenantId,
                from,
                to,
                id);
    }

    private static long count(Connection connection, long id) throws SQLException {
        try (var select = connection.prepareStatement(
                "SELECT count(*) FROM reconciliation_discrepancy WHERE reconciliation_id = ?")) {
            select.setLong(1, id);
            try (var rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Our side of the day: what succeeded here, summed an hour per statement. */
    public ReconciliationReport.Ours ours(@TenantId long tenantId, OffsetDateTime from, OffsetDateTime to) {
        var day = new ReconciliationReport.Ours(0, 0, 0, 0);
        var pacer = new Pacer();
        for (OffsetDateTime hour = from; hour.isBefore(to); hour = hour.plusHours(1)) {
            day = day.plus(oursWithin(tenantId, hour, min(hour.plusHours(1), to)));
            pacer.rest();
        }
        return day;
    }

    private ReconciliationReport.Ours oursWithin(long tenantId, OffsetDateTime from, OffsetDateTime to) {
        return sql(() -> {
            try (var select = transaction
                    .get()
                    .prepareStatement(
                            """
                    SELECT (SELECT count(*) FROM payment_record WHERE tenant_id = ? AND success_time >= ? AND success_time < ?),
                           (SELECT coalesce(sum(amount_total), 0) FROM payment_record
                            WHERE tenant_id = ? AND success_time >= ? AND success_time < ?),
                           (SELECT count(*) FROM refund_record WHERE tenant_id = ? AND refund_status = 'SUCCESS'
                            AND success_time >= ? AND success_time < ?),
                           (SELECT coalesce(sum(amount_refund), 0) FROM refund_record WHERE tenant_id = ?
                            AND refund_status = 'SUCCESS' AND success_time >= ? AND success_time < ?)
                    """)) {
                for (int i = 0; i < 4; i++) {
                    select.setLong(i * 3 + 1, tenantId);
                    select.setObject(i * 3 + 2, from);
                    select.setObject(i * 3 + 3, to);
                }
                try (var rows = select.executeQuery()) {
                    rows.next();
                    return new ReconciliationReport.Ours(
                            rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4));
                }
            }
        });
    }

    /** The run's report; only the run that holds the day writes it. */
    public void finish(
            @TenantId long tenantId,
            Claim claim,
            String status,
            String reason,
            ReconciliationReport.Wechat wechatSide,
            ReconciliationReport.Ours ours) {
        execute(
                "UPDATE reconciliation SET status = ?, reason = ?, finished_at = now(),"
                        // a failed day is tried again by the daily run, like one still being created
                        + " next_attempt_at = "
                        + ("FAILED".equals(status)
                                ? "now() + make_interval(mins => " + Reconciliations.CREATING_RETRY_MINUTES + ")"
                                : "NULL")
                        + ", wechat_payments = ?, wechat_payment_amount = ?, wechat_refunds = ?, wechat_refund_amount = ?,"
                        + " wechat_fees = ?, our_payments = ?, our_payment_amount = ?, our_refunds = ?,"
                        + " our_refund_amount = ? WHERE id = ? AND run_number = ?",
                status,
                reason == null ? null : reason.length() > 512 ? reason.substring(0, 512) : reason,
                wechatSide == null ? null : wechatSide.payments(),
                wechatSide == null ? null : wechatSide.paymentAmount(),
                wechatSide == null ? null : wechatSide.refunds(),
                wechatSide == null ? null : wechatSide.refundAmount(),
                wechatSide == null ? null : wechatSide.fees(),
                ours == null ? null : ours.payments(),
                ours == null ? null : ours.paymentAmount(),
                ours == null ? null : ours.refunds(),
                ours == null ? null : ours.refundAmount(),
                claim.id(),
                claim.run());
    }

    /**
     * The day's report with its first {@value #REPORT_CAP} discrepancies (bill order, then ours) and the
     * count of all.
     */
    public Optional<ReconciliationReport> find(@TenantId long tenantId, LocalDate date) {
        return sql(() -> {
            Connection connection = transaction.get();
            try (var select =
                    connection.prepareStatement("SELECT * FROM reconciliation WHERE tenant_id = ? AND bill_date = ?")) {
                select.setLong(1, tenantId);
                select.setObject(2, date);
                try (var rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    long id = rows.getLong("id");
                    return Optional.of(report(rows, discrepancies(connection, id), (int) count(connection, id)));
                }
            }
        });
    }

    /** The tenant's days from {@code from} to {@code to}, oldest first, with their discrepancy counts. */
    public List<ReconciliationReport> list(@TenantId long tenantId, LocalDate from, LocalDate to) {
        return sql(() -> {
            try (var select = transaction
                    .get()
                    .prepareStatement("SELECT r.*, (SELECT count(*) FROM reconciliation_discrepancy d"
                            + " WHERE d.reconciliation_id = r.id) AS discrepancy_count FROM reconciliation r"
                            + " WHERE r.tenant_id = ? AND r.bill_date BETWEEN ? AND ? ORDER BY r.bill_date")) {
                select.setLong(1, tenantId);
                select.setObject(2, from);
                select.setObject(3, to);
                List<ReconciliationReport> days = new ArrayList<>();
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        days.add(report(rows, null, rows.getInt("discrepancy_count")));
                    }
                }
                return days;
            }
        });
    }

    private static List<Discrepancy> discrepancies(Connection connection, long id) throws SQLException {
        try (var select = connection.prepareStatement(
                "SELECT kind, out_trade_no, transaction_id, out_refund_no, wechat_amount, our_amount, resolution, line"
                        + " FROM reconciliation_discrepancy WHERE reconciliation_id = ?"
                        + " ORDER BY line NULLS LAST, id LIMIT " + REPORT_CAP)) {
            select.setLong(1, id);
            List<Discrepancy> list = new ArrayList<>();
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    list.add(new Discrepancy(
                            rows.getString(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getString(4),
                            (Long) rows.getObject(5),
                            (Long) rows.getObject(6),
                            rows.getString(7),
                            (Integer) rows.getObject(8)));
                }
            }
            return list;
        }
    }

    private static ReconciliationReport report(ResultSet rows, List<Discrepancy> discrepancies, int count)
            throws SQLException {
        Long wechatPayments = (Long) rows.getObject("wechat_payments");
        Long ourPayments = (Long) rows.getObject("our_payments");
        return new ReconciliationReport(
                rows.getLong("tenant_id"),
                rows.getObject("bill_date", LocalDate.class),
                rows.getString("status"),
                rows.getString("reason"),
                wechatPayments == null
                        ? null
                        : new ReconciliationReport.Wechat(
                                wechatPayments,
                                rows.getLong("wechat_payment_amount"),
                                rows.getLong("wechat_refunds"),
                                rows.getLong("wechat_refund_amount"),
                                rows.getBigDecimal("wechat_fees")),
                ourPayments == null
                        ? null
                        : new ReconciliationReport.Ours(
                                ourPayments,
                                rows.getLong("our_payment_amount"),
                                rows.getLong("our_refunds"),
                                rows.getLong("our_refund_amount")),
                discrepancies,
                count,
                at(rows, "started_at"),
                at(rows, "finished_at"));
    }

    private static OffsetDateTime at(ResultSet rows, String column) throws SQLException {
        OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.withOffsetSameInstant(Reconciliations.BEIJING);
    }

    private void execute(String sql, Object... parameters) {
        update(sql, parameters);
    }

    private int update(String sql, Object... parameters) {
        return sql(() -> {
            try (var statement = transaction.get().prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                return statement.executeUpdate();
            }
        });
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private static <T> T sql(Work<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new IllegalStateException("reconciliation database work failed: " + e.getMessage(), e);
        }
    }
}
