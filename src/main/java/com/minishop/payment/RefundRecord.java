package com.minishop.payment;

import com.minishop.order.CheckSchedule;
import com.minishop.payment.wechat.Refund;
import com.minishop.tenant.TenantAware;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One refund of an order (per tenant and {@code out_refund_no}) and its latest status. {@code applied}
 * says whether its amount is counted in the order's refunded sum; that happens once, when a successful
 * refund meets a paid order. Its amounts never change once recorded: a notification with other amounts
 * for the same refund is a mismatch for a person, not an update.
 *
 * <p>A refund started here is recorded before WeChat Pay is asked for it ({@link #started}): status
 * {@code UNKNOWN}, no WeChat refund id yet, and a due time at which the sweep asks WeChat about it; the
 * first answer or notification that names it gives it WeChat's ids, a settled status ends the checks.
 */
@Entity
@Table(name = "refund_record")
public class RefundRecord extends TenantAware {

    @Id
    @SequenceGenerator(name = "refund_record_id", sequenceName = "refund_record_id_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "refund_record_id")
    private Long id;

    @Column(name = "order_id", updatable = false)
    private long orderId;

    @Column(name = "out_trade_no", updatable = false)
    private String outTradeNo;

    @Column(name = "out_refund_no", updatable = false)
    private String outRefundNo;

    @Column(name = "refund_id")
    private String refundId;

    @Column(name = "transaction_id", updatable = false)
    private String transactionId;

    @Column(name = "refund_status")
    private String refundStatus;

    @Column(name = "amount_total", updatable = false)
    private long amountTotal;

    @Column(name = "amount_refund", updatable = false)
    private long amountRefund;

    @Column(name = "payer_total")
    private Long payerTotal;

    @Column(name = "payer_refund")
    private Long payerRefund;

    @Column(name = "user_received_account")
    private String userReceivedAccount;

    @Column(name = "success_time")
    private OffsetDateTime successTime;

    private boolean applied;

    @Column(name = "notification_id")
    private String notificationId;

    @Column(name = "created_at", updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    @Column(length = REASON_MAX)
    private String reason;

    @Column(name = "started_here", updatable = false)
    private boolean startedHere;

    /** WeChat's Request-ID of the last answer about this refund. */
    @Column(name = "request_id")
    private String requestId;

    @Column(name = "check_step")
    private int checkStep;

    /** When the sweep next asks WeChat Pay about this refund; null once it is settled. */
    @Column(name = "check_due_at")
    private OffsetDateTime checkDueAt;

    @Version
    private long version;

    /** Before WeChat Pay has answered a refund started here. */
    public static final String UNKNOWN = "UNKNOWN";

    /** WeChat's refund statuses that end it. */
    public static final Set<String> SETTLED = Set.of("SUCCESS", "CLOSED", "ABNORMAL");

    /** WeChat's rule for {@code out_refund_no}: 1-64 of digits, letters, {@code _-|*@}. */
    public static final Pattern OUT_REFUND_NO = Pattern.compile("[0-9A-Za-z_\\-|*@]{1,64}");

    public static final int REASON_MAX = 80;

    protected RefundRecord() {}

    /**
     * A refund of {@code amount} fen of the paid order, recorded here before WeChat Pay is asked: UNKNOWN
     * until WeChat answers, first checked one schedule step from now.
     */
    public static RefundRecord started(
            long orderId,
            String outTradeNo,
            String transactionId,
            long orderTotal,
            String outRefundNo,
            long amount,
            String reason,
            OffsetDateTime now,
            CheckSchedule schedule) {
        if (outRefundNo == null || !OUT_REFUND_NO.matcher(outRefundNo).matches()) {
            throw new IllegalArgumentException("outRefundNo must be 1-64 of 0-9 A-Z a-z _ - | * @");
        }
        if (amount <= 0 || amount > orderTotal) {
            throw new IllegalArgumentException("a refund is 1 fen up to the order's total");
        }
        if (reason != null && reason.codePointCount(0, reason.length()) > REASON_MAX) {
            throw new IllegalArgumentException("reason may have at most " + REASON_MAX + " characters");
        }
        RefundRecord record = new RefundRecord();
        record.orderId = orderId;
        record.outTradeNo = Objects.requireNonNull(outTradeNo);
        record.transactionId = Objects.requireNonNull(transactionId, "only a paid order is refunded");
        record.outRefundNo = outRefundNo;
        record.amountTotal = orderTotal;
        record.amountRefund = amount;
        record.reason = reason;
        record.startedHere = true;
        record.refundStatus = UNKNOWN;
        record.createdAt = Objects.requireNonNull(now);
        record.updatedAt = now;
        record.checkDueAt = schedule.due(now, 0);
        return record;
    }

    public RefundRecord(long orderId, Refund r, String notificationId, OffsetDateTime now) {
        this.orderId = orderId;
        this.outTradeNo = Objects.requireNonNull(r.outTradeNo());
        this.outRefundNo = Objects.requireNonNull(r.outRefundNo());
        this.refundId = Objects.requireNonNull(r.refundId());
        this.transactionId = Objects.requireNonNull(r.transactionId());
        this.amountTotal = r.amount().total();
        this.amountRefund = r.amount().refund();
        this.payerTotal = r.amount().payerTotal();
        this.payerRefund = r.amount().payerRefund();
        this.createdAt = Objects.requireNonNull(now);
        update(r, notificationId, now);
    }

    /**
     * A refund we never heard of until the day's trade bill showed it, recorded with the facts WeChat's
     * refund query gave ({@code requestId}); it is then applied like any answer.
     */
    public static RefundRecord learned(long orderId, Refund r, String requestId, OffsetDateTime now) {
        RefundRecord record = new RefundRecord();
        record.orderId = orderId;
        record.outTradeNo = Objects.requireNonNull(r.outTradeNo());
        record.outRefundNo = Objects.requireNonNull(r.outRefundNo());
        record.transactionId = Objects.requireNonNull(r.transactionId());
        record.amountTotal = r.amount().total();
        record.amountRefund = r.amount().refund();
        record.refundStatus = UNKNOWN;
        record.requestId = requestId;
        record.createdAt = Objects.requireNonNull(now);
        record.updatedAt = now;
        return record;
    }

    /**
     * True when WeChat's refund describes this same refund (same WeChat refund id, once we know it, and
     * the same order, transaction and amounts).
     */
    public boolean sameRefundAs(Refund r) {
        return (refundId == null || refundId.equals(r.refundId()))
                && transactionId.equals(r.transactionId())
                && amountRefund == r.amount().refund()
                && amountTotal == r.amount().total()
                && outTradeNo.equals(r.outTradeNo());
    }

    /** A later status of this refund from a notification; a refund counted as successful never goes back. */
    public void update(Refund r, String notificationId, OffsetDateTime now) {
        if (applied) {
            return;
        }
        learn(r, now);
        this.notificationId = Objects.requireNonNull(notificationId);
    }

    /**
     * WeChat Pay answered a refund request or query about this refund (the caller checked {@link
     * #sameRefundAs}): its status and ids are kept, and the next check is set while it is not settled.
     */
    public void answered(Refund r, String requestId, OffsetDateTime now, CheckSchedule schedule) {
        this.requestId = requestId;
        if (!applied) {
            learn(r, now);
        }
        checked(now, schedule);
    }

    /** Asked about, with no usable answer (or one that changes nothing): the next step of the schedule. */
    public void checked(OffsetDateTime now, CheckSchedule schedule) {
        if (settled()) {
            checkDueAt = null;
            return;
        }
        OffsetDateTime next;
        do {
            next = schedule.due(createdAt, ++checkStep);
        } while (!next.isAfter(now));
        checkDueAt = next;
        updatedAt = Objects.requireNonNull(now);
    }

    /** WeChat could not be asked: ask again after {@code delay}. */
    public void checkFailed(OffsetDateTime now, java.time.Duration delay) {
        if (!settled()) {
            checkDueAt = now.plus(delay);
        }
    }

    /** WeChat refused to start it (it never existed there): nothing to ask about, a person is told. */
    public void refused(String requestId, OffsetDateTime now) {
        if (!UNKNOWN.equals(refundStatus)) {
            throw new IllegalStateException("refund " + outRefundNo + " is already " + refundStatus);
        }
        this.refundStatus = "CLOSED";
        this.requestId = requestId;
        this.checkDueAt = null;
        this.updatedAt = Objects.requireNonNull(now);
    }

    private void learn(Refund r, OffsetDateTime now) {
        if (refundId == null) {
            this.refundId = Objects.requireNonNull(r.refundId());
        }
        if (r.amount() != null && payerTotal == null) {
            this.payerTotal = r.amount().payerTotal();
            this.payerRefund = r.amount().payerRefund();
        }
        this.refundStatus = Objects.requireNonNull(r.refundStatus());
        this.userReceivedAccount = r.userReceivedAccount();
        this.successTime = r.successTime();
        this.updatedAt = Objects.requireNonNull(now);
        if (settled()) {
            checkDueAt = null;
        }
    }

    /** SUCCESS, CLOSED or ABNORMAL: WeChat will say nothing new. */
    public boolean settled() {
        return SETTLED.contains(refundStatus);
    }

    /** Counts against what may still be refunded: in progress, not known yet, or done. */
    public boolean holdsMoney() {
        return !"CLOSED".equals(refundStatus) && !"ABNORMAL".equals(refundStatus);
    }

    /** The refund's amount is now counted in its order's refunded sum. */
    public void markApplied(OffsetDateTime now) {
        if (applied) {
            throw new IllegalStateException("refund " + outRefundNo + " is already counted");
        }
        applied = true;
        updatedAt = Objects.requireNonNull(now);
    }

    public boolean applied() {
        return applied;
    }

    public long orderId() {
        return orderId;
    }

    public String outTradeNo() {
        return outTradeNo;
    }

    public String outRefundNo() {
        return outRefundNo;
    }

    public String refundId() {
        return refundId;
    }

    public String transactionId() {
        return transactionId;
    }

    public String refundStatus() {
        return refundStatus;
    }

    public long amountRefund() {
        return amountRefund;
    }

    public long amountTotal() {
        return amountTotal;
    }

    public String reason() {
        return reason;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime successTime() {
        return successTime;
    }

    public OffsetDateTime checkDueAt() {
        return checkDueAt;
    }

    public boolean startedHere() {
        return startedHere;
    }
}
