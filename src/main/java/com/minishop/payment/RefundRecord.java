package com.minishop.payment;

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

/**
 * One refund of an order (per tenant and {@code out_refund_no}) and its latest status. {@code applied}
 * says whether its amount is counted in the order's refunded sum; that happens once, when a successful
 * refund meets a paid order. Its amounts never change once recorded: a notification with other amounts
 * for the same refund is a mismatch for a person, not an update.
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

    @Column(name = "refund_id", updatable = false)
    private String refundId;

    @Column(name = "transaction_id", updatable = false)
    private String transactionId;

    @Column(name = "refund_status")
    private String refundStatus;

    @Column(name = "amount_total", updatable = false)
    private long amountTotal;

    @Column(name = "amount_refund", updatable = false)
    private long amountRefund;

    @Column(name = "payer_total", updatable = false)
    private long payerTotal;

    @Column(name = "payer_refund", updatable = false)
    private long payerRefund;

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

    @Version
    private long version;

    protected RefundRecord() {}

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

    /** True when the notification describes this same refund (same WeChat refund id and amounts). */
    public boolean sameRefundAs(Refund r) {
        return refundId.equals(r.refundId())
                && amountRefund == r.amount().refund()
                && amountTotal == r.amount().total()
                && outTradeNo.equals(r.outTradeNo());
    }

    /** A later status of this refund; a refund counted as successful never goes back. */
    public void update(Refund r, String notificationId, OffsetDateTime now) {
        if (applied) {
            return;
        }
        this.refundStatus = Objects.requireNonNull(r.refundStatus());
        this.userReceivedAccount = r.userReceivedAccount();
        this.successTime = r.successTime();
        this.notificationId = Objects.requireNonNull(notificationId);
        this.updatedAt = Objects.requireNonNull(now);
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
}
