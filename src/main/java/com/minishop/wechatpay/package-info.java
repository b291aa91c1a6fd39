/**
 * Calling WeChat Pay API v3 for a tenant: {@link com.minishop.wechatpay.WechatPayClient} signs each request
 * with the tenant's merchant API key ({@code WECHATPAY2-SHA256-RSA2048}), sends it with the JDK's HTTP
 * client (connect 2 s, answer 5 s), verifies each 2xx response with the tenant's platform keys exactly as a
 * notification is verified (a 5-minute window), and writes one row per call to the call log ({@link
 * com.minishop.wechatpay.WechatPayCallLog}, listed by the admin API). {@link
 * com.minishop.wechatpay.RequestPayment} is what a mini-program passes to {@code wx.requestPayment}. No
 * business state lives here: what the answers mean for an order is the reconciliation package's.
 */
package com.minishop.wechatpay;
