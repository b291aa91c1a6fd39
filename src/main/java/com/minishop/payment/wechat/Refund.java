package com.minishop.payment.wechat;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.OffsetDateTime;

/**
 * A refund, decrypted from a {@code REFUND.SUCCESS|ABNORMAL|CLOSED} notification. Amounts are in
 * fen; a refund may be partial ({@code amount.refund < amount.total}). Required, else
 * MISSING_FIELD: mchid, out_trade_no, transaction_id, out_refund_no, refund_id, refund_status, the
 * four amounts, and success_time when refund_status is SUCCESS. The {@code @JsonbProperty} names
 * are WeChat's. {@link #toString()} leaves out the account the money went to.
 */
public record Refund(
        @JsonbProperty("mchid") String mchId,
        @JsonbProperty("out_trade_no") String outTradeNo,
        @JsonbProperty("transaction_id") String transactionId,
        @JsonbProperty("out_refund_no") String outRefundNo,
        @JsonbProperty("refund_id") String refundId,
        @JsonbProperty("refund_status") String refundStatus,
        @JsonbProperty("success_time") OffsetDateTime successTime,
        @JsonbProperty("user_received_account") String userReceivedAccount,
        @JsonbProperty("amount") Amount amount)
        implements NotificationResource {

    /** Order total, this refund, what the payer paid and gets back, in fen; never negative. */
    public record Amount(
            @JsonbProperty("total") long total,
            @JsonbProperty("refund") long refund,
            @JsonbProperty("payer_total") long payerTotal,
            @JsonbProperty("payer_refund") long payerRefund) {}

    static final String WHERE = "the decrypted refund";
    static final String QUERIED = "the refund WeChat Pay answered";

    /**
     * A refund as WeChat's refund apply and refund query answer it: {@code status} where a notification
     * has {@code refund_status}, and no {@code mchid} (the merchant asked, {@code mchId}, is filled in).
     * Throws IllegalArgumentException naming the field (never its value) when the body is not that.
     */
    public static Refund fromAnswer(byte[] body, String mchId) {
        try {
            return JsonCursor.read(JsonSupport.utf8(body, QUERIED), QUERIED, in -> read(in, mchId));
        } catch (Rejection e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** True once WeChat says no more: SUCCESS, CLOSED or ABNORMAL (PROCESSING and anything new are not). */
    public boolean settled() {
        return "SUCCESS".equals(refundStatus) || "CLOSED".equals(refundStatus) || "ABNORMAL".equals(refundStatus);
    }

    static Refund read(JsonCursor in) {
        return read(in, null);
    }

    /** {@code answeredFor}: null for a notification's resource, else the merchant whose answer this is. */
    private static Refund read(JsonCursor in, String answeredFor) {
        String mchId = null;
        String outTradeNo = null;
        String transactionId = null;
        String outRefundNo = null;
        String refundId = null;
        String refundStatus = null;
        OffsetDateTime successTime = null;
        String userReceivedAccount = null;
        Amount amount = null;
        while (in.nextMember()) {
            switch (in.name()) {
                case "mchid" -> mchId = in.string();
                case "out_trade_no" -> outTradeNo = in.string();
                case "transaction_id" -> transactionId = in.string();
                case "out_refund_no" -> outRefundNo = in.string();
                case "refund_id" -> refundId = in.string();
                case "refund_status" -> refundStatus = answeredFor == null ? in.string() : refundStatus;
                case "status" -> refundStatus = answeredFor != null ? in.string() : refundStatus;
                case "success_time" -> successTime = in.time();
                case "user_received_account" -> userReceivedAccount = in.string();
                case "amount" -> amount = readAmount(in);
                default -> {} // create_time, funds_account and anything new
            }
        }
        if (in.required(refundStatus, answeredFor == null ? "refund_status" : "status")
                .equals("SUCCESS")) {
            in.required(successTime, "success_time");
        }
        return new Refund(
                answeredFor != null ? answeredFor : in.required(mchId, "mchid"),
                in.required(outTradeNo, "out_trade_no"),
                in.required(transactionId, "transaction_id"),
                in.required(outRefundNo, "out_refund_no"),
                in.required(refundId, "refund_id"),
                refundStatus,
                successTime,
                userReceivedAccount,
                in.required(amount, "amount"));
    }

    private static Amount readAmount(JsonCursor in) {
        if (!in.enterObject()) {
            return null;
        }
        Long total = null;
        Long refund = null;
        Long payerTotal = null;
        Long payerRefund = null;
        while (in.nextMember()) {
            switch (in.name()) {
                case "total" -> total = in.amount();
                case "refund" -> refund = in.amount();
                case "payer_total" -> payerTotal = in.amount();
                case "payer_refund" -> payerRefund = in.amount();
                default -> {}
            }
        }
        return new Amount(
                in.required(total, "amount.total"),
                in.required(refund, "amount.refund"),
                in.required(payerTotal, "amount.payer_total"),
                in.required(payerRefund, "amount.payer_refund"));
    }

    @Override
    public String toString() {
        return "Refund[mchid="
                + mchId
                + ", out_trade_no="
                + outTradeNo
                + ", transaction_id="
                + transactionId
                + ", out_refund_no="
                + outRefundNo
                + ", refund_id="
                + refundId
                + ", refund_status="
                + refundStatus
                + ", success_time="
                + successTime
                + ", "
                + amount
                + "]";
    }
}
