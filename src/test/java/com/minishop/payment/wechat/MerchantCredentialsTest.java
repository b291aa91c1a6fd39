package com.minishop.payment.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.minishop.payment.wechat.WechatPayTestSigner.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerchantCredentialsTest {

    private static final String API_V3_KEY = "0123456789abcdefghijABCDEFGHIJ_-";
    private static final SigningKey CERT = WechatPayTestSigner.newCertificate(
            Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2029-01-01T00:00:00Z"));
    private static final PlatformKey CERT_KEY = NotificationFixtures.platformKey(CERT);
    private static final PlatformKey PUBLIC_KEY = NotificationFixtures.platformKey(WechatPayTestSigner.newPublicKey());

    @Test
    void apiV3KeyMustBe32Bytes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MerchantCredentials.of("wx1", "190", API_V3_KEY.substring(1), List.of(PUBLIC_KEY)))
                .withMessage("APIv3 key must be exactly 32 bytes, got 31");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MerchantCredentials.of("wx1", "190", API_V3_KEY + "x", List.of(PUBLIC_KEY)))
                .withMessageNotContaining(API_V3_KEY);
        // 32 characters but not 32 bytes
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> MerchantCredentials.of("wx1", "190", "密" + API_V3_KEY.substring(1), List.of(PUBLIC_KEY)));
    }

    @Test
    void needsAtLeastOnePlatformKey() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MerchantCredentials.of("wx1", "190", API_V3_KEY, List.of()))
                .withMessageContaining("at least one platform key");
    }

    @Test
    void serialsMustBeDistinctInAnySpelling() {
        PlatformKey sameCertLowerCase =
                PlatformKey.fromCertificatePem("0" + CERT.serial().toLowerCase(), CERT.certificatePem());

        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> MerchantCredentials.of("wx1", "190", API_V3_KEY, List.of(CERT_KEY, sameCertLowerCase)))
                .withMessageContaining("appears twice");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MerchantCredentials.of("wx1", "190", API_V3_KEY, List.of(PUBLIC_KEY, PUBLIC_KEY)));
    }

    @Test
    void looksKeysUpBySerial() {
        MerchantCredentials creds = MerchantCredentials.of("wx1", "190", API_V3_KEY, List.of(CERT_KEY, PUBLIC_KEY));

        assertThat(creds.platformKey(CERT.serial())).contains(CERT_KEY);
        assertThat(creds.platformKey(CERT.serial().toLowerCase())).contains(CERT_KEY);
        assertThat(creds.platformKey("0000" + CERT.serial())).contains(CERT_KEY);
        assertThat(creds.platformKey(PUBLIC_KEY.serial())).contains(PUBLIC_KEY);
        assertThat(creds.platformKey(PUBLIC_KEY.serial().toLowerCase())).isEmpty();
        assertThat(creds.platformKey("ABCDEF")).isEmpty();
        assertThat(creds.platformKey(null)).isEmpty();
    }

    @Test
    void neverShowsTheKeyAndKeepsItsOwnCopy() {
        byte[] key = API_V3_KEY.getBytes(StandardCharsets.UTF_8);
        MerchantCredentials creds = new MerchantCredentials("wx1", "190", key, List.of(PUBLIC_KEY));
        key[0] = 'X';
        creds.apiV3Key()[1] = 'Y';

        assertThat(creds.apiV3Key()).isEqualTo(API_V3_KEY.getBytes(StandardCharsets.UTF_8));
        assertThat(creds.toString())
                .doesNotContain(API_V3_KEY)
                .contains("(hidden)")
                .contains(PUBLIC_KEY.serial());
    }

    @Test
    void idsMustBeGiven() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MerchantCredentials.of(" ", "190", API_V3_KEY, List.of(PUBLIC_KEY)))
                .withMessage("appId must not be blank");
    }
}
