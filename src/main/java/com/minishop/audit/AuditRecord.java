package com.minishop.audit;

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

/** One change of an order's payment state: never updated, never deleted by the service. */
@Entity
@Table(name = "audit_record")
public class AuditRecord extends TenantAware {

    @Id
    @SequenceGenerator(name = "audit_record_id", sequenceName = "audit_record_id_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_record_id")
    private Long id;

    @Column(name = "order_id", nullable = false, updatable = false)
    private long orderId;

    @Column(name = "order_no", nullable = false, updatable = false)
    private String orderNo;

    @Column(nullable = false, updatable = false)
    private String action;

    @Column(nullable = false, updatable = false)
    private String outcome;

    @Column(name = "from_pay_state", nullable = false, updatable = false)
    private int fromPayState;

    @Column(name = "to_pay_state", nullable = false, updatable = false)
    private int toPayState;

    @Column(name = "notification_id", updatable = false)
    private String notificationId;

    @Column(name = "transaction_id", updatable = false)
    private String transactionId;

    @Column(updatable = false)
    private Long amount;

    @Column(updatable = false, length = 16)
    private String source;

    @Column(name = "request_id", updatable = false, length = 64)
    private String requestId;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private OffsetDateTime occurredAt;

    protected AuditRecord() {}

    public AuditRecord(
            long orderId,
            String orderNo,
            String action,
            String outcome,
            int fromPayState,
            int toPayState,
            String notificationId,
            String transactionId,
            Long amount,
            String source,
            String requestId,
            OffsetDateTime occurredAt) {
        this.orderId = orderId;
        this.orderNo = Objects.requireNonNull(orderNo);
        this.action = Objects.requireNonNull(action);
        this.outcome = Objects.requireNonNull(outcome);
        this.fromPayState = fromPayState;
        this.toPayState = toPayState;
        this.notificationId = notificationId;
        this.transactionId = transactionId;
        this.amount = amount;
        this.source = source;
        this.requestId = requestId;
        this.occurredAt = Objects.requireNonNull(occurredAt);
    }
}
