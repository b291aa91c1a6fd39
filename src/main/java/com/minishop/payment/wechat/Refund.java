package com.minishop.payment.wechat;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;

/**
 * A refund, decrypted from a {@code REFUND.SUCCESS|ABNORMAL|CLOSED} notification. Amounts are in
 * fen; a refund may be partial ({@code amount.refund < amount.total}). Required, else
 * MISSING_FIELD: mchid, out_trade_no, transaction_id, out_refund_no, refund_id, refund_status, the
 * four amounts, and success_time when refund_status is SUCCESS. {@link #toString()} leaves out the
 * account the money went to.
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
        @JsonbProperty("amount") Amount amount) implements NotificationResource {

    /** Order total, this refund, what the payer paid and gets back, in fen; never negative. */
    @JsonbTypeDeserializer(Amount.Reader.class)
    public record Amount(
            @JsonbProperty("total") long total,
            @JsonbProperty("refund") long refund,
            @JsonbProperty("payer_total") long payerTotal,
            @JsonbProperty("payer_refund") long payerRefund) {

        /** JSON-B plumbing: reads the amount object strictly; not for direct use. */
        public static final class Reader implements JsonbDeserializer<Amount> {
            @Override
            public Amount deserialize(JsonParser parser, DeserializationContext context, Type type) {
                FieldCheck check = new FieldCheck(WHERE);
                JsonObject json = JsonSupport.objectOrNull(parser, "amount", check);
                if (json == null) {
                    return null;
                }
                return new Amount(
                        JsonSupport.amount(json, "total", "amount.total", check),
                        JsonSupport.amount(json, "refund", "amount.refund", check),
                        JsonSupport.amount(json, "payer_total", "amount.payer_total", check),
                        JsonSupport.amount(json, "payer_refund", "amount.payer_refund", check));
            }
        }
    }

    static final String WHERE = "the decrypted refund";

    Refund requireComplete() {
        FieldCheck check = new FieldCheck(WHERE);
        check.text(mchId, "mchid");
        check.text(outTradeNo, "out_trade_no");
        check.text(transactionId, "transaction_id");
        check.text(outRefundNo, "out_refund_no");
        check.text(refundId, "refund_id");
        check.text(refundStatus, "refund_status");
        check.present(amount, "amount");
        if ("SUCCESS".equals(refundStatus)) {
            check.present(successTime, "success_time");
        }
        return this;
    }

    @Override
    public String toString() {
        return "Refund[mchid=" + mchId + ", out_trade_no=" + outTradeNo + ", transaction_id=" + transactionId
                + ", out_refund_no=" + outRefundNo + ", refund_id=" + refundId + ", refund_status=" + refundStatus
                + ", success_time=" + successTime + ", " + amount + "]";
    }
}
