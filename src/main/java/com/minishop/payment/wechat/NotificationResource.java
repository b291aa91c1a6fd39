package com.minishop.payment.wechat;

/** The decrypted content of a notification: a payment or a refund. */
public sealed interface NotificationResource permits Transaction, Refund {

    String mchId();

    String outTradeNo();

    String transactionId();
}
