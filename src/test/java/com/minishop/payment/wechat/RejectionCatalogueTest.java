package com.minishop.payment.wechat;

import static com.minishop.payment.wechat.NotificationFixtures.CLOCK;
import static com.minishop.payment.wechat.NotificationFixtures.NOW;
import static com.minishop.payment.wechat.NotificationFixtures.credentialsFor;
import static com.minishop.payment.wechat.NotificationFixtures.rejection;
import static com.minishop.payment.wechat.NotificationFixtures.transaction;
import static org.assertj.core.api.Assertions.assertThat;

import com.minishop.payment.wechat.NotificationRejectedException.Category;
import com.minishop.payment.wechat.NotificationRejectedException.Reason;
import com.minishop.payment.wechat.WechatPayTestSigner.SignedRequest;
import com.minishop.payment.wechat.WechatPayTestSigner.Tamper;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One delivery per {@link Reason}, each otherwise valid, and the HTTP status each reason maps to. A
 * new reason without a scenario here fails {@link #everyReasonHasAScenario()}.
 */
class RejectionCatalogueTest {

    private static final WechatPayTestSigner SIGNER = WechatPayTestSigner.create()
            .withKeys(WechatPayTestSigner.newCertificate(
                    NOW.minus(Duration.ofDays(2000)), NOW.minus(Duration.ofDays(1))));
    private static final MerchantCredentials CREDS = credentialsFor(SIGNER);
    private static final NotificationVerifier VERIFIER = new NotificationVerifier(CLOCK, Duration.ofSeconds(300), 4096);

    private static WechatPayTestSigner.Builder payment() {
        return SIGNER.payment(transaction("ORDER-1", 100)).timestamp(NOW);
    }

    private static final Map<Reason, Supplier<SignedRequest>> SCENARIOS = new EnumMap<>(Reason.class);
    private static final Map<Reason, Integer> HTTP_STATUS = new EnumMap<>(Reason.class);

    private static void scenario(Reason reason, int httpStatus, Supplier<SignedRequest> request) {
        SCENARIOS.put(reason, request);
        HTTP_STATUS.put(reason, httpStatus);
    }

    static {
        scenario(Reason.BODY_TOO_LARGE, 413, () -> payment()
                .editBody(b -> b + " ".repeat(4096))
                .build());
        scenario(Reason.MISSING_HEADER, 400, () -> payment().build().withoutHeader("Wechatpay-Nonce"));
        scenario(Reason.MALFORMED_HEADER, 400, () -> payment()
                .timestamp("17408O1600")
                .build());
        scenario(Reason.UNSUPPORTED_SIGNATURE_TYPE, 401, () -> payment()
                .signatureType("WECHATPAY2-SM2-WITH-SM3")
                .build());
        scenario(Reason.SIGNTEST_PROBE, 401, () -> payment().signtest().build());
        scenario(Reason.TIMESTAMP_OUT_OF_WINDOW, 401, () -> payment()
                .timestamp(NOW.minusSeconds(301))
                .build());
        scenario(Reason.UNKNOWN_SERIAL, 401, () -> payment()
                .serial("PUB_KEY_ID_0000000000000000000000000000")
                .build());
        scenario(Reason.CERTIFICATE_NOT_VALID, 401, () -> payment()
                .signedWith(SIGNER.keys().get(1))
                .build());
        scenario(Reason.BAD_SIGNATURE, 401, () -> payment()
                .tamper(Tamper.SIGNATURE)
                .build());
        scenario(Reason.MALFORMED_BODY, 400, () -> payment()
                .editBody(b -> b + ",")
                .build());
        scenario(Reason.UNSUPPORTED_ALGORITHM, 401, () -> payment()
                .algorithm("AEAD_SM4_GCM")
                .build());
        scenario(Reason.DECRYPTION_FAILED, 401, () -> payment()
                .tamper(Tamper.TAG)
                .build());
        scenario(Reason.MISSING_FIELD, 400, () -> SIGNER.payment(
                        NotificationFixtures.withoutField(transaction("ORDER-1", 100), "out_trade_no"))
                .timestamp(NOW)
                .build());
        scenario(Reason.UNKNOWN_EVENT_TYPE, 400, () -> payment()
                .eventType("MCHTRANSFER.BILL.FINISHED")
                .build());
    }

    @Test
    void everyReasonHasAScenario() {
        assertThat(SCENARIOS.keySet()).containsExactlyInAnyOrder(Reason.values());
    }

    @Test
    void theUntamperedDeliveryIsAccepted() {
        assertThat(NotificationFixtures.verify(VERIFIER, payment().build(), CREDS)
                        .transaction())
                .isPresent();
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void eachReasonIsRaisedByItsScenarioAndMapsToItsStatus(Reason reason) {
        NotificationRejectedException e =
                rejection(VERIFIER, SCENARIOS.get(reason).get(), CREDS);

        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.category().httpStatus()).isEqualTo(HTTP_STATUS.get(reason));
        assertThat(e.getMessage()).isNotBlank().doesNotContain(SIGNER.apiV3Key());
    }

    @Test
    void categoriesAreTheThreeHttpAnswers() {
        assertThat(Category.MALFORMED.httpStatus()).isEqualTo(400);
        assertThat(Category.TOO_LARGE.httpStatus()).isEqualTo(413);
        assertThat(Category.NOT_AUTHENTIC.httpStatus()).isEqualTo(401);
    }
}
