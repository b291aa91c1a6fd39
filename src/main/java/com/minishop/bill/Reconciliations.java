package com.minishop.bill;

import com.minishop.bill.ReconciliationReport.Discrepancy;
import com.minishop.bill.ReconciliationStore.Claim;
import com.minishop.bill.ReconciliationStore.PaymentProblem;
import com.minishop.bill.ReconciliationStore.RefundProblem;
import com.minishop.bill.TradeBillReader.Row;
import com.minishop.order.CheckScheduleConfig;
import com.minishop.order.Transition;
import com.minishop.payment.FactSource;
import com.minishop.payment.PaymentService;
import com.minishop.payment.wechat.MerchantCredentials;
import com.minishop.tenant.CrossTenant;
import com.minishop.web.ApiException;
import com.minishop.wechatpay.WechatPayAccess;
import com.minishop.wechatpay.WechatPayClient;
import com.minishop.wechatpay.WechatPayClient.BillApplication;
import com.minishop.wechatpay.WechatPayException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reconciles one tenant's day with WeChat Pay's trade bill: claim the day (one run at a time across
 * instances), apply for the ALL bill (GZIP), download it at once, check the SHA-1 of the uncompressed bytes,
 * read it into a staging table while checking its summary, and only then compare it with our records in
 * SQL, window by window of the bill's lines, applying what WeChat paid or refunded and we missed through {@link PaymentService} (the
 * order's row lock, the audit) and flagging the rest, each discrepancy stored as it is found; then the
 * report. Nothing is applied from a bill whose hash, layout or summary fails. No transaction is held across
 * a call to WeChat; neither the bill nor its discrepancies are ever in memory as a whole. The tenant's tables
 * are reached through {@link ReconciliationStore} (the tenant's transactions); the daily run's search for due
 * days and its claims span tenants and go through {@link CrossTenant}.
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

    /** Discrepancies stored together, at most (see {@link #stored}). */
    static final int STORED_EVERY = 100;

    static final String APPLIED = "APPLIED";
    static final String FLAGGED = "FLAGGED";

    @Inject
    ReconciliationStore store;

    @Inject
    CrossTenant crossTenant;

    @Inject
    WechatPayClient wechat;

    @Inject
    WechatPayAccess access;

    @Inject
    PaymentService payments;

    @Inject
    CheckScheduleConfig schedule;

    @Resource
    ManagedExecutorService executor;

    /**
     * Runs (or re-runs) the day now and returns its report. 409 RECONCILIATION_RUNNING while another run holds
     * the day. {@code scheduled}: the daily run, which only takes a day never run or PENDING/FAILED and due
     * (claimed across tenants); it returns empty when the day is not (or no longer) its to run.
     */
    public Optional<ReconciliationReport> run(long tenantId, LocalDate date, boolean scheduled) {
        MerchantCredentials credentials = access.apiCredentials(tenantId);
        Optional<Claim> claim = scheduled ? claimScheduled(tenantId, date) : store.claim(tenantId, date);
        if (claim.isEmpty()) {
            if (scheduled) {
                return Optional.empty();
            }
            throw new ApiException(
                    409,
                    "RECONCILIATION_RUNNING",
                    "the reconciliation of " + date + " for tenant " + tenantId + " is running",
                    "date");
        }
        if (scheduled) {
            reconcile(claim.get(), tenantId, date, credentials, true);
        } else {
            awaitOffTheRequestThread(() -> reconcile(claim.get(), tenantId, date, credentials, false));
        }
        return store.find(tenantId, date);
    }

    /** The claimed day's run to its end: its report finished (FAILED when it failed), its bill rows gone, its lease ended. */
    private void reconcile(
            Claim claim, long tenantId, LocalDate date, MerchantCredentials credentials, boolean scheduled) {
        var started = OffsetDateTime.now(BEIJING);
        try {
            work(claim, tenantId, date, credentials, scheduled);
        } catch (WechatPayException | BillFormatException e) {
            LOG.warning(() -> "tenant " + tenantId + ": reconciliation of " + date + " failed: " + e.getMessage());
            store.finish(tenantId, claim, "FAILED", e.getMessage(), null, null);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "tenant " + tenantId + ": reconciliation of " + date + " failed", e);
            store.finish(
                    tenantId, claim, "FAILED", "internal error: " + e.getClass().getSimpleName(), null, null);
        } finally {
            store.release(tenantId, claim, started);
        }
    }

    /**
     * The admin's run (to its release) works on a container thread while the request waits for it: the HTTP listener interrupts
     * a request's thread once its request timeout (10 s) has passed, and a day of 10^6 rows takes minutes.
     * That interrupt is a timeout, not a stop: the day goes on and the request gets its report. Whatever the
     * work throws is thrown here, as if it had run on this thread.
     */
    private void awaitOffTheRequestThread(Runnable work) {
        Future<?> done;
        try {
            done = executor.submit(work);
        } catch (RejectedExecutionException refused) {
            work.run(); // here, then: a long day may be interrupted, and fails closed with its claim released
            return;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    done.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException failure) {
                        throw failure;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The day's report, with its first discrepancies and their count. */
    public Optional<ReconciliationReport> find(long tenantId, LocalDate date) {
        return store.find(tenantId, date);
    }

    /** The tenant's days from {@code from} to {@code to}, oldest first, with their discrepancy counts. */
    public List<ReconciliationReport> list(long tenantId, LocalDate from, LocalDate to) {
        return store.list(tenantId, from, to);
    }

    /** Tenants with API access whose {@code date} the daily run should take now (across tenants). */
    public List<Long> due(LocalDate date) {
        try {
            return crossTenant.run("daily reconciliation: due days", connection -> {
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
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the days due: " + e.getMessage(), e);
        }
    }

    /** The daily run's claim of a tenant's day, by the scheduler that works across tenants. */
    Optional<Claim> claimScheduled(long tenantId, LocalDate date) {
        try {
            return crossTenant.run(
                    "daily reconciliation: claim",
                    connection -> ReconciliationStore.claim(connection, tenantId, date, true));
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot claim " + date + " of tenant " + tenantId + ": " + e.getMessage(), e);
        }
    }

    private void work(Claim claim, long tenantId, LocalDate date, MerchantCredentials credentials, boolean scheduled) {
        long id = claim.id();
        var call = new WechatPayClient.Call(
                tenantId, credentials, scheduled ? WechatPayAccess.SCHEDULE : WechatPayAccess.API);
        BillApplication application = wechat.applyTradeBill(call, date, true);
        if (BillApplication.STATEMENT_CREATING.equals(application.errorCode())) {
            store.pending(
                    tenantId,
                    claim,
                    "STATEMENT_CREATING: WeChat Pay is creating the bill; asked again in " + CREATING_RETRY_MINUTES
                            + " minutes",
                    CREATING_RETRY_MINUTES);
            return;
        }
        ReconciliationReport.Wechat wechatSide = new ReconciliationReport.Wechat(0, 0, 0, 0, BigDecimal.ZERO);
        if (application.ready()) {
            wechatSide = stage(tenantId, id, call, application, credentials.mchId());
        }
        // the bill is whole and checked: from here on facts are applied
        store.renew(tenantId, claim);
        store.beginComparison(tenantId, id, claim.run());
        OffsetDateTime from = date.atStartOfDay().atOffset(BEIJING);
        OffsetDateTime to = from.plusDays(1);
        comparePayments(claim, tenantId, credentials, "BILL " + date);
        compareRefunds(claim, tenantId, credentials);
        long found = store.endComparison(tenantId, id, claim.run(), from, to);
        ReconciliationReport.Ours ours = store.ours(tenantId, from, to);
        // a zero-row bill is an empty day too
        boolean empty = !application.ready() || wechatSide.payments() + wechatSide.refunds() == 0;
        String status = found > 0 ? "DISCREPANCIES" : empty ? "NO_BILL" : "MATCHED";
        store.finish(
                tenantId,
                claim,
                status,
                application.ready() ? null : "NO_STATEMENT_EXIST: WeChat Pay has no bill, no trades that day",
                wechatSide,
                ours);
        LOG.info(() ->
                "tenant " + tenantId + ": reconciliation of " + date + ": " + status + ", " + found + " discrepancies");
    }

    /** Downloads and checks the bill, then reads it into bill_row. */
    private ReconciliationReport.Wechat stage(
            long tenantId, long id, WechatPayClient.Call call, BillApplication application, String mchId) {
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
            return store.stage(tenantId, id, mchId, bill);
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

    static void logUnreadable(int line, String reason) {
        LOG.warning(() -> "trade bill line " + line + " unreadable: " + reason);
    }

    /** Bill payments we have not recorded as WeChat has them, window by window: applied when the order agrees, else flagged. */
    private void comparePayments(Claim claim, long tenantId, MerchantCredentials credentials, String reference) {
        int last = store.lastLine(tenantId, claim.id());
        var pacer = new Pacer();
        for (int after = 0; after < last; after += ReconciliationStore.WINDOW) {
            List<PaymentProblem> window =
                    store.paymentProblems(tenantId, claim.id(), after, after + ReconciliationStore.WINDOW);
            List<Discrepancy> found = new ArrayList<>();
            for (PaymentProblem p : window) {
                found.add(payment(p, tenantId, credentials, reference));
                found = stored(claim, tenantId, found, STORED_EVERY);
            }
            stored(claim, tenantId, found, 1);
            store.renew(tenantId, claim);
            pacer.rest();
        }
    }

    /**
     * Each fact applied commits on its own, so its discrepancy row follows soon: stored once {@code atLeast}
     * have gathered (a failure in the middle of a window loses the rows of at most that many applied facts,
     * which a re-run no longer meets as problems). Returns the list to gather into next.
     */
    private List<Discrepancy> stored(Claim claim, long tenantId, List<Discrepancy> found, int atLeast) {
        if (found.size() < atLeast) {
            return found;
        }
        store.add(tenantId, claim.id(), claim.run(), found);
        return new ArrayList<>();
    }

    private Discrepancy payment(PaymentProblem p, long tenantId, MerchantCredentials credentials, String reference) {
        if (p.orderAmount() == null) {
            return new Discrepancy(
                    "MISSING_HERE", p.outTradeNo(), p.transactionId(), null, p.amount(), null, FLAGGED, p.line());
        }
        if (p.paidAmount() != null || p.orderAmount() != p.amount()) {
            // paid here otherwise: another amount, or the same amount under another transaction
            long ours = p.paidAmount() != null ? p.paidAmount() : p.orderAmount();
            String kind = ours != p.amount() ? "AMOUNT_MISMATCH" : "STATE_MISMATCH";
            return new Discrepancy(kind, p.outTradeNo(), p.transactionId(), null, p.amount(), ours, FLAGGED, p.line());
        }
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
        boolean applied = outcome == Transition.Outcome.APPLIED || outcome == Transition.Outcome.APPLIED_FLAGGED;
        return new Discrepancy(
                kind,
                p.outTradeNo(),
                p.transactionId(),
                null,
                p.amount(),
                applied ? null : p.orderAmount(),
                applied ? APPLIED : FLAGGED,
                p.line());
    }

    /**
     * Successful bill refunds we have not counted, window by window: WeChat's refund query gives the refund's facts
     * (the bill's ALL layout has no success time), which are applied like any answer about the refund.
     */
    private void compareRefunds(Claim claim, long tenantId, MerchantCredentials credentials) {
        int last = store.lastLine(tenantId, claim.id());
        var pacer = new Pacer();
        for (int after = 0; after < last; after += ReconciliationStore.WINDOW) {
            List<RefundProblem> window =
                    store.refundProblems(tenantId, claim.id(), after, after + ReconciliationStore.WINDOW);
            List<Discrepancy> found = new ArrayList<>();
            for (RefundProblem p : window) {
                found.add(refund(p, tenantId, credentials));
                found = stored(claim, tenantId, found, STORED_EVERY);
            }
            stored(claim, tenantId, found, 1);
            store.renew(tenantId, claim);
            pacer.rest();
        }
    }

    private Discrepancy refund(RefundProblem p, long tenantId, MerchantCredentials credentials) {
        if (p.ourAmount() != null && p.ourAmount() != p.amount()) {
            return new Discrepancy(
                    "AMOUNT_MISMATCH",
                    p.outTradeNo(),
                    p.transactionId(),
                    p.outRefundNo(),
                    p.amount(),
                    p.ourAmount(),
                    FLAGGED,
                    p.line());
        }
        String kind = p.ourAmount() == null ? "MISSING_HERE" : "STATE_MISMATCH";
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
        return new Discrepancy(
                kind,
                p.outTradeNo(),
                p.transactionId(),
                p.outRefundNo(),
                p.amount(),
                applied ? null : p.ourAmount(),
                applied ? APPLIED : FLAGGED,
                p.line());
    }
}
