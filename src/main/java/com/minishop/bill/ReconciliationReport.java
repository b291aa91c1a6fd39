package com.minishop.bill;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One tenant's day as the reconciliation left it. {@code status}: MATCHED, DISCREPANCIES, NO_BILL (WeChat
 * has no bill: an empty day), PENDING (the bill is being created; asked again) or FAILED ({@code reason}
 * says why; nothing of that bill was applied). Amounts in fen; {@code fees} exactly (up to 3 decimals of fen).
 * {@code discrepancies}: at most the first 1000 (bill order, then ours), {@code discrepancyCount} all of them;
 * the listing of days carries the count only.
 */
@JsonbNillable
@JsonbPropertyOrder({
    "tenantId",
    "date",
    "status",
    "reason",
    "wechat",
    "ours",
    "discrepancies",
    "discrepancyCount",
    "startedAt",
    "finishedAt"
})
public record ReconciliationReport(
        long tenantId,
        LocalDate date,
        String status,
        String reason,
        Wechat wechat,
        Ours ours,
        List<Discrepancy> discrepancies,
        Integer discrepancyCount,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt) {

    @JsonbPropertyOrder({"payments", "paymentAmount", "refunds", "refundAmount", "fees"})
    public record Wechat(long payments, long paymentAmount, long refunds, long refundAmount, BigDecimal fees) {}

    @JsonbPropertyOrder({"payments", "paymentAmount", "refunds", "refundAmount"})
    public record Ours(long payments, long paymentAmount, long refunds, long refundAmount) {

        /** Both parts together; an amount beyond a long fails rather than wraps. */
        Ours plus(Ours other) {
            return new Ours(
                    Math.addExact(payments, other.payments),
                    Math.addExact(paymentAmount, other.paymentAmount),
                    Math.addExact(refunds, other.refunds),
                    Math.addExact(refundAmount, other.refundAmount));
        }
    }

    /**
     * {@code kind}: MISSING_HERE, MISSING_AT_WECHAT, AMOUNT_MISMATCH, STATE_MISMATCH, UNREADABLE_ROW;
     * {@code resolution}: APPLIED (through the locked, audited path) or FLAGGED (for a person); {@code line}: the
     * bill's line, when the bill has one.
     */
    @JsonbNillable
    @JsonbPropertyOrder({
        "kind",
        "outTradeNo",
        "transactionId",
        "outRefundNo",
        "wechatAmount",
        "ourAmount",
        "resolution",
        "line"
    })
    public record Discrepancy(
            String kind,
            String outTradeNo,
            String transactionId,
            String outRefundNo,
            Long wechatAmount,
            Long ourAmount,
            String resolution,
            Integer line) {}
}
