package com.minishop.payment.wechat;

import static com.minishop.payment.wechat.NotificationFixtures.NOW;
import static com.minishop.payment.wechat.NotificationFixtures.credentialsFor;
import static com.minishop.payment.wechat.NotificationFixtures.rejection;
import static com.minishop.payment.wechat.NotificationFixtures.transaction;
import static com.minishop.payment.wechat.NotificationFixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.minishop.payment.wechat.NotificationRejectedException.Reason;
import com.minishop.payment.wechat.WechatPayTestSigner.SignedRequest;
import com.minishop.payment.wechat.WechatPayTestSigner.SigningKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Several keys valid for one tenant at once: rotation and the certificate-to-public-key migration.
 */
class KeyRotationTest {

    private static final String API_V3_KEY = WechatPayTestSigner.randomApiV3Key();

    private static NotificationVerifier verifierAt(Instant now) {
        return new NotificationVerifier(Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(300));
    }

    @Test
    void twoPublicKeysValidAtOnce() {
        SigningKey old = WechatPayTestSigner.newPublicKey();
        SigningKey fresh = WechatPayTestSigner.newPublicKey();
        WechatPayTestSigner tenant = new WechatPayTestSigner(API_V3_KEY, old, fresh);
        MerchantCredentials creds = credentialsFor(tenant);

        for (SigningKey key : List.of(old, fresh, old)) {
            SignedRequest request = tenant.payment(transaction("O-1", 1))
                    .signedWith(key)
                    .timestamp(NOW)
                    .build();
            assertThat(verify(verifierAt(NOW), request, creds).serial()).isEqualTo(key.serial());
        }
    }

    @Test
    void certificateAndPublicKeyDuringMigrationInAnyOrder() {
        SigningKey certificate =
                WechatPayTestSigner.newCertificate(NOW.minus(Duration.ofDays(400)), NOW.plus(Duration.ofDays(1400)));
        SigningKey publicKey = WechatPayTestSigner.newPublicKey();
        WechatPayTestSigner tenant = new WechatPayTestSigner(API_V3_KEY, certificate, publicKey);
        MerchantCredentials creds = credentialsFor(tenant);
        Random coin = new Random(42); // WeChat picks one of the two at random, for days

        for (int i = 0; i < 10; i++) {
            SigningKey key = coin.nextBoolean() ? certificate : publicKey;
            SignedRequest request = tenant.payment(transaction("O-" + i, i + 1))
                    .signedWith(key)
                    .timestamp(NOW)
                    .build();
            VerifiedNotification n = verify(verifierAt(NOW), request, creds);
            assertThat(n.serial()).isEqualTo(key.serial());
            assertThat(n.transaction().orElseThrow().outTradeNo()).isEqualTo("O-" + i);
        }
    }

    @Test
    void certificateRotationHandsOverOnTheDates() {
        Instant handover = NOW.plus(Duration.ofDays(10));
        SigningKey current = WechatPayTestSigner.newCertificate(NOW.minus(Duration.ofDays(1800)), handover);
        SigningKey next =
                WechatPayTestSigner.newCertificate(NOW.plus(Duration.ofDays(5)), NOW.plus(Duration.ofDays(1830)));
        WechatPayTestSigner tenant = new WechatPayTestSigner(API_V3_KEY, current, next);
        MerchantCredentials creds = credentialsFor(tenant);

        Instant before = NOW;
        Instant overlap = NOW.plus(Duration.ofDays(7));
        Instant after = handover.plusSeconds(1);
        assertThat(accepts(tenant, creds, current, before)).isTrue();
        assertThat(accepts(tenant, creds, next, before)).isFalse();
        assertThat(accepts(tenant, creds, current, overlap)).isTrue();
        assertThat(accepts(tenant, creds, next, overlap)).isTrue();
        assertThat(accepts(tenant, creds, current, after)).isFalse();
        assertThat(accepts(tenant, creds, next, after)).isTrue();
    }

    private static boolean accepts(WechatPayTestSigner tenant, MerchantCredentials creds, SigningKey key, Instant now) {
        SignedRequest request = tenant.payment(transaction("O-1", 1))
                .signedWith(key)
                .timestamp(now)
                .build();
        try {
            verify(verifierAt(now), request, creds);
            return true;
        } catch (NotificationRejectedException e) {
            assertThat(e.reason()).isEqualTo(Reason.CERTIFICATE_NOT_VALID);
            return false;
        }
    }

    @Test
    void aKeyRemovedFromTheAccountIsNoLongerKnown() {
        SigningKey retired = WechatPayTestSigner.newPublicKey();
        SigningKey kept = WechatPayTestSigner.newPublicKey();
        WechatPayTestSigner before = new WechatPayTestSigner(API_V3_KEY, retired, kept);
        MerchantCredentials afterRemoval = credentialsFor(new WechatPayTestSigner(API_V3_KEY, kept));
        SignedRequest request = before.payment(transaction("O-1", 1))
                .signedWith(retired)
                .timestamp(NOW)
                .build();

        assertThat(rejection(verifierAt(NOW), request, afterRemoval).reason()).isEqualTo(Reason.UNKNOWN_SERIAL);
    }
}
