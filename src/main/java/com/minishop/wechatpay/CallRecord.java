package com.minishop.wechatpay;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.OffsetDateTime;

/**
 * One outbound call to WeChat Pay, as the call log keeps and lists it ({@code id} null until stored):
 * never a key, a signature or payer data.
 * {@code httpStatus} is null when no answer came; {@code outcome} is one of {@link WechatPayClient#OUTCOMES}.
 */
@JsonbNillable
public record CallRecord(
        Long id,
        long tenantId,
        OffsetDateTime calledAt,
        String operation,
        String trigger,
        String outTradeNo,
        Integer httpStatus,
        String errorCode,
        String requestId,
        long durationMs,
        String outcome,
        String message) {}
