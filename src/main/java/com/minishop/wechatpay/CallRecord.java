package com.minishop.wechatpay;

import java.time.OffsetDateTime;

/**
 * One outbound call to WeChat Pay, as the call log keeps it: never a key, a signature or payer data.
 * {@code httpStatus} is null when no answer came; {@code outcome} is one of {@link WechatPayClient#OUTCOMES}.
 */
public record CallRecord(
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
