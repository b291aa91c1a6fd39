package com.minishop.bill;

import com.minishop.bill.ReconciliationReport.Discrepancy;
import com.minishop.bill.TradeBillReader.Row;
import com.minishop.bill.TradeBillReader.Unreadable;
import com.minishop.database.Database;
import com.minishop.order.CheckScheduleConfig;
import com.minishop.order.Transition;
import com.minishop.payment.FactSource;
import com.minishop.payment.PaymentService;
import com.minishop.payment.wechat.MerchantCredentials;
import com.minishop.reconciliation.OrderPayments;
import com.minishop.web.ApiException;
import com.minishop.wechatpay.WechatPayClient;
import com.minishop.wechatpay.WechatPayClient.BillApplication;
import com.minishop.wechatpay.WechatPayException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Reconciles one tenant's day with WeChat Pay's trade bill: claim the day (one run at a time across
 * instances), apply for the ALL bill (GZIP), download it at once, check the SHA-1 of the uncompressed bytes,
 * read it into a staging table while checking its summary, and only then compare it with our records in
 * SQL, applying what WeChat paid or refunded and we missed through {@link PaymentService} (the order's row
 * lock, the audit) and flagging the rest; then store the report. Nothing is applied from a bill whose hash,
 * layout or summary fails. No transaction is held across a call to WeChat; the bill is never in memory.
 *
 * <p>Our side of a day is what succeeded within that Asia/Shanghai day (payments and refunds by their success
 * time). A re-run of a day compares again and keeps what an earlier run applied in the report, so it gives the
 * same report and applies nothing twice (the applied facts are then ours and match).
 */
@ApplicationScoped
public class Reconciliations {

    private static final Logger LOG = Logger.getLogger(Reconciliations.class.getName());

    static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    /** A run holds its day this long at most (a crashed run's day is free again after it). */
    static final int LEASE_MINUTES = 30;

    /** A bill still being created is asked for again this much later. */
    static final int CREATING_RETRY_MINUTES = 30;

    static final String APPLIED = "APPLIED";
    static final String FLAGGED = "FLAGGED";

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Inject
    WechatPayClient wechat;

    @Inject
    OrderPayments orderPayments;

    @Inject
    PaymentService payments;

    @Inject
    CheckScheduleConfig schedule;

    /**
     * Runs (or re-runs) the day now and returns its report. 409 RECONCILIATION_RUNNING while another run holds
     * the day. {@code scheduled}: the daily run, which only takes a day never run or PENDING and due; it
     * returns empty when the day is not (or no longer) its to run.
     */
    public Optional<ReconciliationReport> run(long tenantId, LocalDate date, boolean scheduled) {
        MerchantCredentials credentials = orderPayments.apiCredentials(tenantId);
        Long id = claim(tenantId, date, scheduled);
        if (id == null) {
            if (scheduled) {
                return Optional.empty();
            }
            throw new ApiException(
                    409,
                    "RECONCILIATION_RUNNING",
                    "the reconciliation of " + date + " for tenant " + tenantId + " is running",
                    "date");
        }
        var started = OffsetDateTime.now(BEIJING);
        try {
            work(id, tenantId, date, credentials, scheduled);
        } catch (WechatPayException | BillFormatException e) {
            LOG.warning(() -> "tenant " + tenantId + ": reconciliation of " + date + " failed: " + e.getMessage());
            finish(id, "FAILED", e.getMessage(), null, null);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "tenant " + tenantId + ": reconciliation of " + date + " failed", e);
            finish(id, "FAILED", "internal error: " + e.getClass().getSimpleName(), null, null);
        } finally {
            execute("DELETE FROM bill_row WHERE reconciliation_id = ?", id);
            execute("UPDATE reconciliation SET running_until = NULL, started_at = ? WHERE id = ?", started, id);
        }
        return find(tenantId, date);
    }

    /** The day's report, with its discrepancies. */
    public Optional<ReconciliationReport> find(long tenantId, LocalDate date) {
        return jdbc(connection -> {
            try (var select =
                    connection.prepareStatement("SELECT * FROM reconciliation WHERE tenant_id = ? AND bill_date = ?")) {
                select.setLong(1, tenantId);
                select.setObject(2, date);
                try (var rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(report(rows, discrepancies(connection, rows.getLong("id"))));
                }
            }
        });
    }

    /** The tenant's days from {@code from} to {@code to}, oldest first, with their discrepancy counts. */
    public List<ReconciliationReport> list(long tenantId, LocalDate from, LocalDate to) {
        return jdbc(connection -> {
            try (var select = connection.prepareStatement(
                    "SELECT r.*, (SELECT count(*) FROM reconciliation_discrepancy d WHERE d.reconciliation_id = r.id)"
                            + " AS discrepancy_count FROM reconciliation r"
                            + " WHERE r.tenant_id = ? AND r.bill_date BETWEEN ? AND ? ORDER BY r.bill_date")) {
                select.setLong(1, tenantId);
                select.setObject(2, from);
                select.setObject(3, to);
                List<ReconciliationReport> days = new ArrayList<>();
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        var report = report(rows, null);
                        days.add(new ReconciliationReport(
                                report.tenantId(),
                                report.date(),
                                report.status(),
                                report.reason(),
                                report.wechat(),
                                report.ours(),
                                null,
                                rows.getInt("discrepancy_count"),
                                report.startedAt(),
                                report.finishedAt()));
                    }
                }
                return days;
            }
        });
    }

    /** Tenants with API access whose {@code date} the daily run should take now. */
    public List<Long> due(LocalDate date) {
        return jdbc(connection -> {
            try (var select = connection.prepareStatement(
                    """
                    SELECT m.tenant_id FROM merchant_account m
                    WHERE m.merchant_private_key_encrypted IS NOT NULL AND NOT EXISTS (
                        SELECT 1 FROM reconciliation r WHERE r.tenant_id = m.tenant_id AND r.bill_date = ?
                        AND (r.status NOT IN ('PENDING', 'FAILED') OR r.next_attempt_at > now()
                             OR (r.running_until IS NOT NULL AND r.running_until > now())))
                    ORDER BY m.tenant_id
                    """)) {
                select.setObject(1, date);
                List<Long> tenants = new ArrayList<>();
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        tenants.add(rows.getLong(1));
                    }
                }
                return tenants;
            }
        });
    }

    /**
     * One statement claims the day: a new row, or the existing one when no run holds it (and, for the daily
     * run, only when it is PENDING and due). Null when it cannot be claimed.
     */
    Long claim(long tenantId, LocalDate date, boolean scheduled) {
        String sql = "INSERT INTO reconciliation (tenant_id, bill_date, status, running_until)"
                + " VALUES (?, ?, 'PENDING', now() + make_interval(mins => ?))"
                + " ON CONFLICT (tenant_id, bill_date) DO UPDATE SET running_until = EXCLUDED.running_until"
                + " WHERE (reconciliation.running_until IS NULL OR reconciliation.running_until < now())"
                + (scheduled
                        ? " AND reconciliation.status IN ('PENDING', 'FAILED')"
                                + " AND (reconciliation.next_attempt_at IS NULL"
                                + " OR reconciliation.next_attempt_at <= now())"
                        : "")
                + " RETURNING id";
        return jdbc(connection -> {
            try (var claim = connection.prepareStatement(sql)) {
                claim.setLong(1, tenantId);
                claim.setObject(2, date);
                claim.setInt(3, LEASE_MINUTES);
                try (var rows = claim.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : null;
                }
            }
        });
    }

    private void work(long id, long tenantId, LocalDate date, MerchantCredentials credentials, boolean scheduled) {
        execute("DELETE FROM bill_row WHERE reconciliation_id = ?", id); // a crashed run's rows
        var call = new WechatPayClient.Call(tenantId, credentials, scheduled ? "SCHEDULE" : OrderPayments.API);
        BillApplication application = wechat.applyTradeBill(call, date, true);
        if (BillApplication.STATEMENT_CREATING.equals(application.errorCode())) {
            execute(
                    "UPDATE reconciliation SET status = 'PENDING', reason = ?, next_attempt_at = now() + make_interval(mins"
                            + " => ?), finished_at = now() WHERE id = ?",
                    "STATEMENT_CREATING: WeChat Pay is creating the bill; asked again in " + CREATING_RETRY_MINUTES
                            + " minutes",
                    CREATING_RETRY_MINUTES,
                    id);
            return;
        }
        ReconciliationReport.Wechat wechatSide = new ReconciliationReport.Wechat(0, 0, 0, 0, BigDecimal.ZERO);
        List<Discrepancy> unreadable = new ArrayList<>();
        if (application.ready()) {
            wechatSide = stage(id, call, application, credentials.mchId(), unreadable);
        }
        // the bill is whole and checked: from here on facts are applied
        List<Discrepancy> earlier = appliedEarlier(id);
        execute("DELETE FROM reconciliation_discrepancy WHERE reconciliation_id = ?", id);
        List<Discrepancy> found = new ArrayList<>(unreadable);
        String reference = "BILL " + date;
        OffsetDateTime from = date.atStartOfDay().atOffset(BEIJING);
        OffsetDateTime to = from.plusDays(1);
        comparePayments(id, tenantId, credentials, reference, found);
        compareRefunds(id, tenantId, credentials, found);
        missingAtWechat(id, tenantId, from, to, found);
        for (Discrepancy before : earlier) {
            if (found.stream().noneMatch(d -> d.sameFactAs(before))) {
                found.add(before);
            }
        }
        storeDiscrepancies(id, found);
        ReconciliationReport.Ours ours = ours(tenantId, from, to);
        // a zero-row bill is an empty day too
        boolean empty = !application.ready() || wechatSide.payments() + wechatSide.refunds() == 0;
        String status = !found.isEmpty() ? "DISCREPANCIES" : empty ? "NO_BILL" : "MATCHED";
        finish(
                id,
                status,
                application.ready() ? null : "NO_STATEMENT_EXIST: WeChat Pay has no bill, no trades that day",
                wechatSide,
                ours);
        LOG.info(() -> "tenant " + tenantId + ": reconciliation of " + date + ": " + status + ", " + found.size()
                + " discrepancies");
    }

    /** Downloads, checks and reads the bill into bill_row; unreadable rows go to {@code unreadable}. */
    private ReconciliationReport.Wechat stage(
            long id,
            WechatPayClient.Call call,
            BillApplication application,
            String mchId,
            List<Discrepancy> unreadable) {
        Path file;
        try {
            file = Files.createTempFile("trade-bill-", ".gz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            wechat.downloadBill(call, application.downloadUrl(), file);
            var bill = new BillFile(file, true);
            bill.verify(application.hashValue());
            execute("DELETE FROM bill_row WHERE reconciliation_id = ?", id);
            return jdbc(connection -> {
                connection.setAutoCommit(false);
                try (var reader = new TradeBillReader(bill.open());
                        var insert = connection.prepareStatement(
                                "INSERT INTO bill_row (reconciliation_id, line, kind, out_trade_no, transaction_id,"
                                        + " out_refund_no, refund_status, amount, happened_at)"
                                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    int batched = 0;
                    for (var entry = reader.next(); entry != null; entry = reader.next()) {
                        if (entry instanceof Unreadable u) {
                            unreadable.add(unreadable(u.line(), u.reason()));
                            continue;
                        }
                        Row row = (Row) entry;
                        String problem = problem(row, mchId);
                        if (problem != null) {
                            unreadable.add(unreadable(row.line(), problem));
                            continue;
                        }
                        insert.setLong(1, id);
                        insert.setInt(2, row.line());
                        insert.setString(3, row.kind() == TradeBillReader.Kind.PAYMENT ? "P" : "R");
                        insert.setString(4, row.outTradeNo());
                        insert.setString(5, row.transactionId());
                        insert.setString(6, row.outRefundNo());
                        insert.setString(7, row.refundStatus());
                        insert.setLong(
                                8,
                                row.kind() == TradeBillReader.Kind.PAYMENT
                                        ? row.settlementAmount()
                                        : row.refundAmount());
                        insert.setObject(9, row.time());
                        insert.addBatch();
                        if (++batched == 1000) {
                            insert.executeBatch();
                            batched = 0;
                        }
                    }
                    insert.executeBatch();
                    var totals = reader.finish(); // a summary that disagrees fails the day here, nothing applied
                    connection.commit();
                    return new ReconciliationReport.Wechat(
                            totals.payments(),
                            totals.paymentAmount(),
                            totals.refunds(),
                            totals.refundAmount(),
                            totals.fees());
                } catch (IOException e) {
                    connection.rollback();
                    throw new UncheckedIOException(e);
                } catch (RuntimeException | SQLException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            });
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warning("cannot delete " + file);
            }
        }
    }

    /** Null when the row can be compared; else why not (another merchant's row, numbers longer than WeChat's). */
    static String problem(Row row, String mchId) {
        if (!mchId.equals(row.mchId())) {
            return "商户号 " + row.mchId() + " is not this tenant's merchant";
        }
        if (row.outTradeNo().length() > 32 || row.transactionId().length() > 32) {
            return "商户订单号 or 微信订单号 longer than 32 characters";
        }
        if (row.outRefundNo() != null && row.outRefundNo().length() > 64) {
            return "商户退款单号 longer than 64 characters";
        }
        return null;
    }

    private static Discrepancy unreadable(int line, String reason) {
        LOG.warning(() -> "trade bill line " + line + " unreadable: " + reason);
        return new Discrepancy("UNREADABLE_ROW", null, null, null, null, null, FLAGGED, line);
    }

    /** Bill payments we have not recorded as WeChat has them: applied when the order agrees, else flagged. */
    private void comparePayments(
            long id, long tenantId, MerchantCredentials credentials, String reference, List<Discrepancy> found) {
        record Problem(
                int line,
                String outTradeNo,
                String transactionId,
                long amount,
                OffsetDateTime paidAt,
                Long orderAmount,
                Integer payState,
                Long paidAmount,
                String paidTransaction) {}
        List<Problem> problems = jdbc(connection -> {
            try (var select = connection.prepareStatement(
                    """
                    SELECT b.line, b.out_trade_no, b.transaction_id, b.amount, b.happened_at,
                           o.amount_total AS order_amount, o.pay_state, p.amount_total AS paid_amount,
                           p.transaction_id AS paid_tx
                    FROM bill_row b
                    LEFT JOIN orders o ON o.tenant_id = ? AND o.order_no = b.out_trade_no
                    LEFT JOIN payment_record p ON p.tenant_id = ? AND p.out_trade_no = b.out_trade_no
                    WHERE b.reconciliation_id = ? AND b.kind = 'P'
                      AND (p.id IS NULL OR p.amount_total <> b.amount OR p.transaction_id <> b.transaction_id)
                    ORDER BY b.line
                    """)) {
                select.setLong(1, tenantId);
                select.setLong(2, tenantId);
                select.setLong(3, id);
                select.setFetchSize(500);
                List<Problem> list = new ArrayList<>();
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        list.add(new Problem(
                                rows.getInt(1),
                                rows.getString(2),
                                rows.getString(3),
                                rows.getLong(4),
                                rows.getObject(5, OffsetDateTime.class).withOffsetSameInstant(BEIJING),
                                (Long) rows.getObject(6),
                                (Integer) rows.getObject(7, Integer.class),
                                (Long) rows.getObject(8),
                                rows.getString(9)));
                    }
                }
                return list;
            }
        });
        for (Problem p : problems) {
            if (p.orderAmount() == null) {
                found.add(new Discrepancy(
                        "MISSING_HERE", p.outTradeNo(), p.transactionId(), null, p.amount(), null, FLAGGED, p.line()));
            } else if (p.paidAmount() != null && p.paidAmount() != p.amount()) {
                found.add(new Discrepancy(
                        "AMOUNT_MISMATCH",
                        p.outTradeNo(),
                        p.transactionId(),
                        null,
                        p.amount(),
                        p.paidAmount(),
                        FLAGGED,
                        p.line()));
            } else if (p.paidAmount() != null) {
                found.add(new Discrepancy(
                        "STATE_MISMATCH",
                        p.outTradeNo(),
                        p.transactionId(),
                        null,
                        p.amount(),
                        p.paidAmount(),
                        FLAGGED,
                        p.line()));
            } else if (p.orderAmount() != p.amount()) {
                found.add(new Discrepancy(
                        "AMOUNT_MISMATCH",
                        p.outTradeNo(),
                        p.transactionId(),
                        null,
                        p.amount(),
                        p.orderAmount(),
                        FLAGGED,
                        p.line()));
            } else {
                Transition.Outcome outcome = payments.applyBillPayment(
                        tenantId,
                        p.outTradeNo(),
                        credentials.appId(),
                        credentials.mchId(),
                        p.transactionId(),
                        p.paidAt(),
                        p.amount(),
                        reference);
                String kind = outcome == Transition.Outcome.APPLIED ? "MISSING_HERE" : "STATE_MISMATCH";
                String resolution =
                        outcome == Transition.Outcome.APPLIED || outcome == Transition.Outcome.APPLIED_FLAGGED
                                ? APPLIED
                                : FLAGGED;
                found.add(new Discrepancy(
                        kind,
                        p.outTradeNo(),
                        p.transactionId(),
                        null,
                        p.amount(),
                        resolution.equals(APPLIED) ? null : p.orderAmount(),
                        resolution,
                        p.line()));
            }
        }
    }

    /**
     * Successful bill refunds we have not counted: WeChat's refund query gives the refund's facts (the bill's
     * ALL layout has no success time), which are applied like any answer about the refund.
     */
    private void compareRefunds(long id, long tenantId, MerchantCredentials credentials, List<Discrepancy> found) {
        record Problem(
                int line,
                String outTradeNo,
                String transactionId,
                String outRefundNo,
                long amount,
                boolean orderKnown,
                Long ourAmount) {}
        List<Problem> problems = jdbc(connection -> {
            try (var select = connection.prepareStatement(
                    """
                    SELECT b.line, b.out_trade_no, b.transaction_id, b.out_refund_no, b.amount,
                           o.id IS NOT NULL AS order_known, r.amount_refund
                    FROM bill_row b
                    LEFT JOIN orders o ON o.tenant_id = ? AND o.order_no = b.out_trade_no
                    LEFT JOIN refund_record r ON r.tenant_id = ? AND r.out_refund_no = b.out_refund_no
                    WHERE b.reconciliation_id = ? AND b.kind = 'R' AND b.refund_status = 'SUCCESS'
                      AND (r.id IS NULL OR r.amount_refund <> b.amount OR NOT r.applied)
                    ORDER BY b.line
                    """)) {
                select.setLong(1, tenantId);
                select.setLong(2, tenantId);
                select.setLong(3, id);
                List<Problem> list = new ArrayList<>();
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        list.add(new Problem(
                                rows.getInt(1),
                                rows.getString(2),
                                rows.getString(3),
                                rows.getString(4),
                                rows.getLong(5),
                                rows.getBoolean(6),
                                (Long) rows.getObject(7)));
                    }
                }
                return list;
            }
        });
        for (Problem p : problems) {
            String kind = p.ourAmount() == null ? "MISSING_HERE" : "STATE_MISMATCH";
            if (p.ourAmount() != null && p.ourAmount() != p.amount()) {
                found.add(new Discrepancy(
                        "AMOUNT_MISMATCH",
                        p.outTradeNo(),
                        p.transactionId(),
                        p.outRefundNo(),
                        p.amount(),
                        p.ourAmount(),
                        FLAGGED,
                        p.line()));
                continue;
            }
            boolean applied = false;
            if (p.orderKnown()) {
                var call = new WechatPayClient.Call(tenantId, credentials, "RECONCILE", p.outTradeNo());
                WechatPayClient.RefundAnswer answer;
                try {
                    answer = wechat.queryRefund(call, p.outRefundNo());
                } catch (WechatPayException e) {
                    // the refund's facts cannot be confirmed now: flagged; a re-run applies it
                    answer = new WechatPayClient.RefundAnswer(null, null);
                }
                if (answer.refund() != null
                        && "SUCCESS".equals(answer.refund().refundStatus())
                        && answer.refund().amount().refund() == p.amount()) {
                    var record = payments.applyRefundAnswer(
                            tenantId,
                            p.outTradeNo(),
                            p.outRefundNo(),
                            answer.refund(),
                            FactSource.BILL,
                            answer.requestId(),
                            schedule.get());
                    applied = record != null && record.applied();
                }
            }
            found.add(new Discrepancy(
                    kind,
                    p.outTradeNo(),
                    p.transactionId(),
                    p.outRefundNo(),
                    p.amount(),
                    applied ? null : p.ourAmount(),
                    applied ? APPLIED : FLAGGED,
                    p.line()));
        }
    }

    /** Our payments and refunds that succeeded within the day and that the bill lacks: flagged. */
    private void missingAtWechat(
            long id, long tenantId, OffsetDateTime from, OffsetDateTime to, List<Discrepancy> found) {
        jdbc(connection -> {
            try (var payments = connection.prepareStatement(
                            """
                    SELECT p.out_trade_no, p.transaction_id, p.amount_total FROM payment_record p
                    WHERE p.tenant_id = ? AND p.success_time >= ? AND p.success_time < ? AND NOT EXISTS (
                        SELECT 1 FROM bill_row b
                        WHERE b.reconciliation_id = ? AND b.kind = 'P' AND b.out_trade_no = p.out_trade_no)
                    ORDER BY p.success_time, p.out_trade_no
                    """);
                    var refunds = connection.prepareStatement(
                            """
                    SELECT r.out_trade_no, r.transaction_id, r.out_refund_no, r.amount_refund FROM refund_record r
                    WHERE r.tenant_id = ? AND r.refund_status = 'SUCCESS' AND r.success_time >= ?
                      AND r.success_time < ? AND NOT EXISTS (
                        SELECT 1 FROM bill_row b
                        WHERE b.reconciliation_id = ? AND b.kind = 'R' AND b.out_refund_no = r.out_refund_no)
                    ORDER BY r.success_time, r.out_refund_no
                    """)) {
                for (PreparedStatement s : List.of(payments, refunds)) {
                    s.setLong(1, tenantId);
                    s.setObject(2, from);
                    s.setObject(3, to);
                    s.setLong(4, id);
                }
                try (var rows = payments.executeQuery()) {
                    while (rows.next()) {
                        found.add(new Discrepancy(
                                "MISSING_AT_WECHAT",
                                rows.getString(1),
                                rows.getString(2),
                                null,
                                null,
                                rows.getLong(3),
                                FLAGGED,
                                null));
                    }
                }
                try (var rows = refunds.executeQuery()) {
                    while (rows.next()) {
                        found.add(new Discrepancy(
                                "MISSING_AT_WECHAT",
                                rows.getString(1),
                                rows.getString(2),
                                rows.getString(3),
                                null,
                                rows.getLong(4),
                                FLAGGED,
                                null));
                    }
                }
            }
            return null;
        });
    }

    private ReconciliationReport.Ours ours(long tenantId, OffsetDateTime from, OffsetDateTime to) {
        return jdbc(connection -> {
            try (var select = connection.prepareStatement(
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

    private List<Discrepancy> appliedEarlier(long id) {
        return jdbc(connection -> discrepancies(connection, id)).stream()
                .filter(d -> APPLIED.equals(d.resolution()))
                .toList();
    }

    private void storeDiscrepancies(long id, List<Discrepancy> found) {
        jdbc(connection -> {
            try (var insert = connection.prepareStatement(
                    "INSERT INTO reconciliation_discrepancy (reconciliation_id, seq, kind, out_trade_no, transaction_id,"
                            + " out_refund_no, wechat_amount, our_amount, resolution, line)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int seq = 0;
                for (Discrepancy d : found) {
                    insert.setLong(1, id);
                    insert.setInt(2, seq++);
                    insert.setString(3, d.kind());
                    insert.setString(4, d.outTradeNo());
                    insert.setString(5, d.transactionId());
                    insert.setString(6, d.outRefundNo());
                    insert.setObject(7, d.wechatAmount());
                    insert.setObject(8, d.ourAmount());
                    insert.setString(9, d.resolution());
                    insert.setObject(10, d.line());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    private void finish(
            long id,
            String status,
            String reason,
            ReconciliationReport.Wechat wechatSide,
            ReconciliationReport.Ours ours) {
        execute(
                "UPDATE reconciliation SET status = ?, reason = ?, finished_at = now(),"
                        // a failed day is tried again by the daily run, like one still being created
                        + " next_attempt_at = "
                        + ("FAILED".equals(status)
                                ? "now() + make_interval(mins => " + CREATING_RETRY_MINUTES + ")"
                                : "NULL")
                        + ", wechat_payments = ?, wechat_payment_amount = ?, wechat_refunds = ?, wechat_refund_amount = ?,"
                        + " wechat_fees = ?, our_payments = ?, our_payment_amount = ?, our_refunds = ?,"
                        + " our_refund_amount = ? WHERE id = ?",
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
                id);
    }

    private static List<Discrepancy> discrepancies(Connection connection, long id) throws SQLException {
        try (var select = connection.prepareStatement(
                "SELECT kind, out_trade_no, transaction_id, out_refund_no, wechat_amount, our_amount, resolution, line"
                        + " FROM reconciliation_discrepancy WHERE reconciliation_id = ? ORDER BY seq")) {
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

    private static ReconciliationReport report(ResultSet rows, List<Discrepancy> discrepancies) throws SQLException {
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
                null,
                at(rows, "started_at"),
                at(rows, "finished_at"));
    }

    private static OffsetDateTime at(ResultSet rows, String column) throws SQLException {
        OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.withOffsetSameInstant(BEIJING);
    }

    private void execute(String sql, Object... parameters) {
        jdbc(connection -> {
            try (var statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                statement.executeUpdate();
            }
            return null;
        });
    }

    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private <T> T jdbc(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.on(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("reconciliation database work failed: " + e.getMessage(), e);
        }
    }
}
