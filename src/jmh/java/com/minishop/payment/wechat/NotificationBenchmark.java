package com.minishop.payment.wechat;

import com.minishop.payment.wechat.WechatPayTestSigner.SignedRequest;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.refund.model.RefundNotification;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Verify + decrypt + read of one notification: ours against wechatpay-java's {@link
 * NotificationParser#parse}, on the same pre-built deliveries (3 payments to 1 refund, distinct
 * orders and amounts, signed with a WeChat Pay public key at trial start, so ours also passes its
 * timestamp window with the real clock). Both start from what arrives over the wire, the body bytes
 * and the header strings: ours builds its {@link NotificationHeaders}, the SDK's caller its {@link
 * RequestParam} with the body decoded to the String that the SDK takes.
 */
public class NotificationBenchmark {

    static final int DELIVERIES = 64;
    private static final String APP_ID = "wx8888888888888888";
    private static final String MCH_ID = "1900000109";

    /** One delivery as received: body bytes and the five header values. */
    record Delivery(byte[] body, String[] headers, Class<?> sdkType) {}

    @State(Scope.Benchmark)
    public static class Deliveries {
        NotificationVerifier verifier;
        MerchantCredentials credentials;
        NotificationParser sdk;
        Delivery[] deliveries;

        @Setup
        public void build() {
            WechatPayTestSigner signer = WechatPayTestSigner.create();
            WechatPayTestSigner.SigningKey key = signer.key();
            credentials =
                    MerchantCredentials.of(
                            APP_ID,
                            MCH_ID,
                            signer.apiV3Key(),
                            List.of(
                                    PlatformKey.fromPublicKeyPem(
                                            key.serial(), key.publicKeyPem())));
            verifier = new NotificationVerifier();
            sdk =
                    new NotificationParser(
                            new RSAPublicKeyNotificationConfig.Builder()
                                    .publicKey(key.keyPair().getPublic())
                                    .publicKeyId(key.serial())
                                    .apiV3Key(signer.apiV3Key())
                                    .build());

            deliveries = new Delivery[DELIVERIES];
            Instant now = Instant.now();
            for (int i = 0; i < DELIVERIES; i++) {
                boolean refund = i % 4 == 3;
                String resource =
                        refund
                                ? WechatPayTestSigner.refundJson(
                                        MCH_ID,
                                        "ORDER-" + i,
                                        "REFUND-" + i,
                                        "SUCCESS",
                                        10_000 + i,
                                        2_500 + i)
                                : WechatPayTestSigner.transactionJson(
                                        APP_ID, MCH_ID, "ORDER-" + i, 100 + i);
                SignedRequest request =
                        (refund ? signer.refund(resource) : signer.payment(resource))
                                .timestamp(now)
                                .build();
                deliveries[i] =
                        new Delivery(
                                request.body(),
                                new String[] {
                                    request.header(NotificationHeaders.TIMESTAMP),
                                    request.header(NotificationHeaders.NONCE),
                                    request.header(NotificationHeaders.SIGNATURE),
                                    request.header(NotificationHeaders.SERIAL),
                                    request.header(NotificationHeaders.SIGNATURE_TYPE)
                                },
                                refund
                                        ? RefundNotification.class
                                        : com.wechat.pay.java.service.payments.model.Transaction
                                                .class);
            }
            // both must accept every delivery, or the comparison means nothing
            for (Delivery delivery : deliveries) {
                ours(this, delivery);
                sdk(this, delivery);
            }
        }
    }

    /** Each thread walks the deliveries on its own. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        Delivery advance(Deliveries d) {
            next = (next + 1) % DELIVERIES;
            return d.deliveries[next];
        }
    }

    @Benchmark
    public Object ours(Deliveries d, Cursor c) {
        return ours(d, c.advance(d));
    }

    @Benchmark
    public Object sdk(Deliveries d, Cursor c) {
        return sdk(d, c.advance(d));
    }

    static VerifiedNotification ours(Deliveries d, Delivery delivery) {
        String[] h = delivery.headers();
        return d.verifier.verify(
                delivery.body(),
                NotificationHeaders.of(h[0], h[1], h[2], h[3], h[4]),
                d.credentials);
    }

    static Object sdk(Deliveries d, Delivery delivery) {
        String[] h = delivery.headers();
        RequestParam request =
                new RequestParam.Builder()
                        .timestamp(h[0])
                        .nonce(h[1])
                        .signature(h[2])
                        .serialNumber(h[3])
                        .signType(h[4])
                        .body(new String(delivery.body(), StandardCharsets.UTF_8))
                        .build();
        return d.sdk.parse(request, delivery.sdkType());
    }
}
