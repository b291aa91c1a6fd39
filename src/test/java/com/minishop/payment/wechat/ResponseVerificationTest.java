package com.minishop.payment.wechat;

import static com.minishop.payment.wechat.NotificationFixtures.CLOCK;
import static com.minishop.payment.wechat.NotificationFixtures.NOW;
import static com.minishop.payment.wechat.NotificationFixtures.credentialsFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.minishop.payment.wechat.NotificationRejectedException.Reason;
import com.minishop.payment.wechat.WechatPayTestSigner.SignedRequest;
import com.minishop.payment.wechat.WechatPayTestSigner.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Answers of WeChat Pay's API are verified as notifications are ({@link NotificationVerifier#verifyResponse}),
 * with the 5-minute window: each way an answer can fail has its own reason, and a 204's empty body verifies.
 */
class ResponseVerificationTest {

    private static final SigningKey CERTIFICATE = WechatPayTestSigner.newCertificate(
            NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1))); // expired yesterday
    private static final WechatPayTestSigner WECHAT =
            WechatPayTestSigner.create().withKeys(CERTIFICATE);
    private static final MerchantCredentials CREDS = credentialsFor(WECHAT);
    private static final NotificationVerifier VERIFIER = new NotificationVerifier(CLOCK, Duration.ofMinutes(5));
    private static final byte[] BODY = "{\"trade_state\":\"NOTPAY\"}".getBytes(StandardCharsets.UTF_8);

    private static SignedRequest answer(byte[] body, java.time.Instant at, SigningKey key) {
        return WECHAT.rawRequest(body, at, key).withoutHeader(WechatPayTestSigner.SIGNATURE_TYPE);
    }

    static Stream<Arguments> refusals() {
        SignedRequest good = answer(BODY, NOW, WECHAT.key());
        return Stream.of(
                Arguments.of("no timestamp", good.withoutHeader("Wechatpay-Timestamp"), Reason.MISSING_HEADER),
                Arguments.of("no nonce", good.withoutHeader("Wechatpay-Nonce"), Reason.MISSING_HEADER),
                Arguments.of("no signature", good.withoutHeader("Wechatpay-Signature"), Reason.MISSING_HEADER),
                Arguments.of("no serial", good.withoutHeader("Wechatpay-Serial"), Reason.MISSING_HEADER),
                Arguments.of(
                        "timestamp not digits",
                        good.withHeader("Wechatpay-Timestamp", "soon"),
                        Reason.MALFORMED_HEADER),
                Arguments.of(
                        "signature not Base64", good.withHeader("Wechatpay-Signature", "%%%"), Reason.MALFORMED_HEADER),
                Arguments.of(
                        "another signature type",
                        good.withHeader("Wechatpay-Signature-Type", "WECHATPAY2-SM2-WITH-SM3"),
                        Reason.UNSUPPORTED_SIGNATURE_TYPE),
                Arguments.of(
                        "5 minutes and a second old",
                        answer(BODY, NOW.minusSeconds(301), WECHAT.key()),
                        Reason.TIMESTAMP_OUT_OF_WINDOW),
                Arguments.of(
                        "5 minutes and a second ahead",
                        answer(BODY, NOW.plusSeconds(301), WECHAT.key()),
                        Reason.TIMESTAMP_OUT_OF_WINDOW),
                Arguments.of(
                        "a serial of no key of this merchant",
                        good.withHeader("Wechatpay-Serial", "PUB_KEY_ID_0114232019010000000000000000"),
                        Reason.UNKNOWN_SERIAL),
                Arguments.of("an expired certificate", answer(BODY, NOW, CERTIFICATE), Reason.CERTIFICATE_NOT_VALID),
                Arguments.of(
                        "another body",
                        good.withBody("{\"trade_state\":\"SUCCESS\"}".getBytes(StandardCharsets.UTF_8)),
                        Reason.BAD_SIGNATURE),
                Arguments.of(
                        "signed by another key",
                        answer(
                                BODY,
                                NOW,
                                WechatPayTestSigner.newPublicKey(
                                        WECHAT.key().serial(), WechatPayTestSigner.newRsaKeyPair())),
                        Reason.BAD_SIGNATURE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refused(String what, SignedRequest answer, Reason reason) {
        var e = catchThrowableOfType(
                NotificationRejectedException.class,
                () -> VERIFIER.verifyResponse(answer.body(), NotificationHeaders.fromMap(answer.headers()), CREDS));
        assertThat(e).as(what).isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
    }

    @Test
    void aSignedAnswerAndAnEmpty204Verify() {
        for (byte[] body : new byte[][] {BODY, new byte[0]}) {
            SignedRequest answer = answer(body, NOW.minusSeconds(299), WECHAT.key());
            assertThatCode(() -> VERIFIER.verifyResponse(
                            answer.body(), NotificationHeaders.fromMap(answer.headers()), CREDS))
                    .doesNotThrowAnyException();
        }
    }
}
