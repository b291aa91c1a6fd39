package com.minishop.order;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.OffsetDateTime;

/** An order as the API shows it: {@code payState} is the numeric code, times are ISO-8601 with offset. */
@JsonbNillable
public record OrderView(
        String orderNo,
        long amountTotal,
        String currency,
        String description,
        OrderStatus orderStatus,
        String orderStatusLabel,
        int payState,
        String transactionId,
        OffsetDateTime paidAt,
        long refundedAmount,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime expiresAt) {

    public static OrderView of(Order order) {
        return new OrderView(
                order.orderNo(),
                order.amountTotal(),
                order.currency(),
                order.description(),
                order.orderStatus(),
                order.orderStatus().label(),
                order.payState().code(),
                order.transactionId(),
                order.paidAt(),
                order.refundedAmount(),
                order.createdAt(),
                order.updatedAt(),
                order.expiresAt());
    }
}
