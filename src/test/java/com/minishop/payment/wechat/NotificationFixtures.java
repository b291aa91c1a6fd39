package com.minishop.payment.wechat;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.minishop.payment.wechat.WechatPayTestSigner.SignedRequest;
import com.minishop.payment.wechat.WechatPayTestSigner.SigningKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Shared, immutable test data: a fixed clock and the way a tenant is provisioned from a signer. */
final class NotificationFixtures {

    static final Instant NOW = Instant.parse("2025-03-01T04:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String APP_ID = "wx8888888888888888";
    static final String MCH_ID = "1900000109";

    private NotificationFixtures() {}

    /** As the admin API will: each key from its PEM, the APIv3 key as text. */
    static MerchantCredentials credentialsFor(WechatPayTestSigner signer) {
        List<PlatformKey> keys =
                signer.keys().stream().map(NotificationFixtures::platformKey).toList();
        return MerchantCredentials.of(APP_ID, MCH_ID, signer.apiV3Key(), keys);
    }

    static PlatformKey platformKey(SigningKey key) {
        return key.isCertificate()
                ? PlatformKey.fromCertificatePem(key.serial(), key.certificatePem())
                : PlatformKey.fromPublicKeyPem(key.serial(), key.publicKeyPem());
    }

    static NotificationHeaders headers(SignedRequest request) {
        return NotificationHeaders.fromMap(request.headers());
    }

    static VerifiedNotification verify(
            NotificationVerifier verifier, SignedRequest request, MerchantCredentials creds) {
        return verifier.verify(request.body(), headers(request), creds);
    }

    static NotificationRejectedException rejection(
            NotificationVerifier verifier, SignedRequest request, MerchantCredentials creds) {
        NotificationRejectedException e =
                catchThrowableOfType(NotificationRejectedException.class, () -> verify(verifier, request, creds));
        if (e == null) {
            throw new AssertionError("expected a rejection, but the notification was accepted");
        }
        return e;
    }

    static String transaction(String outTradeNo, long total) {
        return WechatPayTestSigner.transactionJson(APP_ID, MCH_ID, outTradeNo, total);
    }

    static String refund(String status, long total, long refund) {
        return WechatPayTestSigner.refundJson(MCH_ID, "ORDER-1001", "REFUND-2001", status, total, refund);
    }

    /** Removes {@code "name":value} (a string, number or flat object) and the comma after it. */
    static String withoutField(String json, String name) {
        String removed = json.replaceFirst("\"" + name + "\":(\"[^\"]*\"|[^,{}]+|\\{[^}]*\\}),?", "");
        if (removed.equals(json)) {
            throw new IllegalArgumentException("no field " + name + " in " + json);
        }
        return removed.replace(",}", "}");
    }

    /** Replaces the value of {@code "name":value} (a string or a number) with raw JSON. */
    static String withField(String json, String name, String rawValue) {
        String replaced = json.replaceFirst("\"" + name + "\":(\"[^\"]*\"|[^,{}\"]+)", "\"" + name + "\":" + rawValue);
        if (replaced.equals(json)) {
            throw new IllegalArgumentException("no field " + name + " in " + json);
        }
        return replaced;
    }
}
