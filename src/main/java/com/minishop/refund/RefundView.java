package com.minishop.refund;

import com.minishop.payment.RefundRecord;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.OffsetDateTime;

/**
 * A refund as the API shows it: {@code status} is WeChat's ({@code PROCESSING}, {@code SUCCESS}, {@code
 * CLOSED}, {@code ABNORMAL}) or {@code UNKNOWN} while WeChat's answer has not come; {@code amount} in fen.
 */
@JsonbNillable
@JsonbPropertyOrder({"outRefundNo", "refundId", "status", "amount", "reason", "createdAt", "succeededAt"})
public record RefundView(
        String outRefundNo,
        String refundId,
        String status,
        long amount,
        String reason,
        OffsetDateTime createdAt,
        OffsetDateTime succeededAt) {

    public static RefundView of(RefundRecord r) {
        return new RefundView(
                r.outRefundNo(),
                r.refundId(),
                r.refundStatus(),
                r.amountRefund(),
                r.reason(),
                r.createdAt(),
                "SUCCESS".equals(r.refundStatus()) ? r.successTime() : null);
    }
}
