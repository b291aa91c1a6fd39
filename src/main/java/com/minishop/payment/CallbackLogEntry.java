package com.minishop.payment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * One delivery of a notification, as the callback log holds it; read-only here, rows are written by
 * {@link CallbackLog}. Not a multitenant entity on purpose: a row records the tenant a delivery
 * <em>claimed</em> (it may not exist, or not be a number), so it is written by native SQL in {@link
 * CallbackLog}, not through EclipseLink's tenant discriminator. Every read filters on {@code tenantId}
 * explicitly, and row-level security admits only the bound tenant's rows besides.
 */
@Entity
@Table(name = "callback_log")
public class CallbackLogEntry {

    @Id
    private Long id;

    @Column(name = "tenant_id")
    private Long tenantId;

    @Column(name = "received_at")
    private OffsetDateTime receivedAt;

    @Column(name = "notification_id")
    private String notificationId;

    @Column(name = "event_type")
    private String eventType;

    private String serial;

    @Column(name = "wechat_timestamp")
    private String wechatTimestamp;

    private boolean verified;

    private boolean settled;

    private String outcome;

    @Column(name = "http_status")
    private int httpStatus;

    @Column(name = "out_trade_no")
    private String outTradeNo;

    @Column(name = "transaction_id")
    private String transactionId;

    private String message;

    @Column(name = "processing_micros")
    private long processingMicros;

    protected CallbackLogEntry() {}

    public Long id() {
        return id;
    }

    public Long tenantId() {
        return tenantId;
    }

    public OffsetDateTime receivedAt() {
        return receivedAt;
    }

    public String notificationId() {
        return notificationId;
    }

    public String eventType() {
        return eventType;
    }

    public String serial() {
        return serial;
    }

    public String wechatTimestamp() {
        return wechatTimestamp;
    }

    public boolean verified() {
        return verified;
    }

    public boolean settled() {
        return settled;
    }

    public String outcome() {
        return outcome;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String outTradeNo() {
        return outTradeNo;
    }

    public String transactionId() {
        return transactionId;
    }

    public String message() {
        return message;
    }

    public long processingMicros() {
        return processingMicros;
    }
}
