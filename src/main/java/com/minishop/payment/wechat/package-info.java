/**
 * Verifying, decrypting and reading WeChat Pay API v3 notifications, one tenant at a time, with no
 * server involved: {@link com.minishop.payment.wechat.NotificationVerifier} takes the raw request
 * body and the {@code Wechatpay-*} headers of one delivery plus the tenant's {@link
 * com.minishop.payment.wechat.MerchantCredentials}, checks the body size, the headers, the
 * timestamp window (both directions), the signing key and its validity and the SHA256withRSA
 * signature over the raw bytes, then decrypts the AEAD_AES_256_GCM resource (tag checked) and reads
 * it into a {@link com.minishop.payment.wechat.Transaction} or {@link
 * com.minishop.payment.wechat.Refund}; every failure is one {@link
 * com.minishop.payment.wechat.NotificationRejectedException} whose reason maps to an HTTP status
 * and whose message never holds key material or decrypted content. It is stricter than the official
 * SDKs on purpose (timestamp window, GCM tag, expired certificates, SIGNTEST probes), because a
 * forged or replayed notification that is accepted marks an unpaid order paid.
 */
package com.minishop.payment.wechat;
