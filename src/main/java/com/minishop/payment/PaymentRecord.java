package com.minishop.payment;

import com.minishop.payment.wechat.Transaction;
import com.minishop.tenant.TenantAware;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * The facts of the successful payment of one order, as WeChat Pay reported them: one per (tenant,
 * out_trade_no), written once and never changed.
 */
@Entity
@Table(name = "payment_record")
public class PaymentRecord extends TenantAware {

    @Id
    @SequenceGenerator(name = "payment_record_id", sequenceName = "payment_record_id_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "payment_record_id")
    private Long id;

    @Column(name = "order_id", updatable = false)
    private long orderId;

    @Column(name = "out_trade_no", updatable = false)
    private String outTradeNo;

    @Column(name = "transaction_id", updatable = false)
    private String transactionId;

    @Column(name = "trade_type", updatable = false)
    private String tradeType;

    @Column(name = "trade_state", updatable = false)
    private String tradeState;

    @Column(name = "bank_type", updatable = false)
    private String bankType;

    @Column(name = "payer_openid", updatable = false)
    private String payerOpenId;

    @Column(name = "amount_total", updatable = false)
    private long amountTotal;

    @Column(name = "payer_total", updatable = false)
    private Long payerTotal;

    @Column(updatable = false)
    private String currency;

    @Column(name = "payer_currency", updatable = false)
    private String payerCurrency;

    @Column(updatable = false)
    private String attach;

    @Column(name = "success_time", updatable = false)
    private OffsetDateTime successTime;

    @Column(name = "notification_id", updatable = false)
    private String notificationId;

    @Column(updatable = false)
    private String source;

    @Column(name = "request_id", updatable = false)
    private String requestId;

    @Column(name = "created_at", updatable = false)
    private OffsetDateTime createdAt;

    protected PaymentRecord() {}

    public PaymentRecord(long orderId, Transaction t, String notificationId, OffsetDateTime now) {
        this(orderId, t, new PaymentFacts(notificationId, t.transactionId(), t.successTime(), null), now);
        Objects.requireNonNull(notificationId);
    }

    /** The payment as a notification or a query at WeChat Pay reported it; {@code facts} say which. */
    public PaymentRecord(long orderId, Transaction t, PaymentFacts facts, OffsetDateTime now) {
        this.orderId = orderId;
        this.outTradeNo = Objects.requireNonNull(t.outTradeNo());
        this.transactionId = Objects.requireNonNull(t.transactionId());
        this.tradeType = t.tradeType();
        this.tradeState = Objects.requireNonNull(t.tradeState());
        this.bankType = t.bankType();
        this.payerOpenId = t.payer() == null ? null : t.payer().openId();
        this.amountTotal = t.amount().total();
        this.payerTotal = t.amount().payerTotal() < 0 ? null : t.amount().payerTotal(); // -1: not known
        this.currency = t.amount().currency();
        this.payerCurrency = t.amount().payerCurrency();
        this.attach = t.attach();
        this.successTime = Objects.requireNonNull(t.successTime());
        this.notificationId = facts.notificationId();
        this.source = facts.source().name();
        this.requestId = facts.requestId();
        this.createdAt = Objects.requireNonNull(now);
    }
}
