package com.minishop.payment.wechat;

import static com.minishop.payment.wechat.NotificationFixtures.CLOCK;
import static com.minishop.payment.wechat.NotificationFixtures.NOW;
import static com.minishop.payment.wechat.NotificationFixtures.credentialsFor;
import static com.minishop.payment.wechat.NotificationFixtures.refund;
import static com.minishop.payment.wechat.NotificationFixtures.transaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.minishop.payment.wechat.WechatPayTestSigner.SignedRequest;
import com.minishop.payment.wechat.WechatPayTestSigner.SigningKey;
import com.minishop.payment.wechat.WechatPayTestSigner.Tamper;
import com.wechat.pay.java.core.exception.DecryptionException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.notification.NotificationConfig;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSANotificationConfig;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The official SDK (wechatpay-java 0.2.17, {@link NotificationParser}) accepts what our signer
 * produces and reads the same fields as our verifier, with a WeChat Pay public key and with a
 * platform certificate given directly: our signer speaks WeChat's protocol as the SDK understands
 * it.
 */
class OfficialSdkConformanceTest {

    private static final SigningKey PUBLIC_KEY = WechatPayTestSigner.newPublicKey();
    private static final SigningKey CERTIFICATE =
            WechatPayTestSigner.newCertificate(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(1800)));
    private static final WechatPayTestSigner TENANT =
            new WechatPayTestSigner(WechatPayTestSigner.randomApiV3Key(), PUBLIC_KEY, CERTIFICATE);
    private static final MerchantCredentials CREDS = credentialsFor(TENANT);
    private static final NotificationVerifier OURS = new NotificationVerifier(CLOCK, Duration.ofSeconds(300));

    // RSANotificationConfig is deprecated in favour of configs that download certificates; it is
    // the SDK's only certificate config that takes X509Certificates directly, with no network.
    @SuppressWarnings("deprecation")
    static Stream<Arguments> keys() {
        NotificationConfig publicKeyConfig = new RSAPublicKeyNotificationConfig.Builder()
                .publicKey(PUBLIC_KEY.keyPair().getPublic())
                .publicKeyId(PUBLIC_KEY.serial())
                .apiV3Key(TENANT.apiV3Key())
                .build();
        NotificationConfig certificateConfig = new RSANotificationConfig.Builder()
                .certificates(CERTIFICATE.certificate())
                .apiV3Key(TENANT.apiV3Key())
                .build();
        return Stream.of(
                Arguments.of("public key", PUBLIC_KEY, new NotificationParser(publicKeyConfig)),
                Arguments.of("certificate", CERTIFICATE, new NotificationParser(certificateConfig)));
    }

    static RequestParam sdkRequest(SignedRequest request) {
        return new RequestParam.Builder()
                .serialNumber(request.header("Wechatpay-Serial"))
                .nonce(request.header("Wechatpay-Nonce"))
                .signature(request.header("Wechatpay-Signature"))
                .timestamp(request.header("Wechatpay-Timestamp"))
                .signType(request.header("Wechatpay-Signature-Type"))
                .body(new String(request.body(), StandardCharsets.UTF_8))
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void paymentReadsTheSameInBoth(String kind, SigningKey key, NotificationParser sdk) {
        SignedRequest request = TENANT.payment(transaction("ORDER-1001", 12_345))
                .signedWith(key)
                .editBody(WechatPayTestSigner.oddWhitespace())
                .timestamp(NOW)
                .build();

        var theirs = sdk.parse(sdkRequest(request), com.wechat.pay.java.service.payments.model.Transaction.class);
        Transaction ours =
                NotificationFixtures.verify(OURS, request, CREDS).transaction().orElseThrow();

        assertThat(theirs.getAppid()).isEqualTo(ours.appId());
        // the SDK's RefundNotification has no mchid field; ours reads it
        assertThat(ours.mchId()).isEqualTo(NotificationFixtures.MCH_ID);
        assertThat(theirs.getOutTradeNo()).isEqualTo(ours.outTradeNo()).isEqualTo("ORDER-1001");
        assertThat(theirs.getTransactionId()).isEqualTo(ours.transactionId());
        assertThat(theirs.getTradeType().name()).isEqualTo(ours.tradeType());
        assertThat(theirs.getTradeState().name()).isEqualTo(ours.tradeState());
        assertThat(theirs.getTradeStateDesc()).isEqualTo(ours.tradeStateDesc());
        assertThat(theirs.getBankType()).isEqualTo(ours.bankType());
        assertThat(theirs.getAttach()).isEqualTo(ours.attach());
        assertThat(OffsetDateTime.parse(theirs.getSuccessTime())).isEqualTo(ours.successTime());
        assertThat(theirs.getPayer().getOpenid()).isEqualTo(ours.payer().openId());
        assertThat(theirs.getAmount().getTotal().longValue())
                .isEqualTo(ours.amount().total())
                .isEqualTo(12_345);
        assertThat(theirs.getAmount().getPayerTotal().longValue())
                .isEqualTo(ours.amount().payerTotal());
        assertThat(theirs.getAmount().getCurrency()).isEqualTo(ours.amount().currency());
        assertThat(theirs.getAmount().getPayerCurrency())
                .isEqualTo(ours.amount().payerCurrency());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void refundReadsTheSameInBoth(String kind, SigningKey key, NotificationParser sdk) {
        SignedRequest request = TENANT.refund(refund("SUCCESS", 10_000, 2_500))
                .signedWith(key)
                .timestamp(NOW)
                .build();

        RefundNotification theirs = sdk.parse(sdkRequest(request), RefundNotification.class);
        Refund ours = NotificationFixtures.verify(OURS, request, CREDS).refund().orElseThrow();

        // the SDK's RefundNotification has no mchid field; ours reads it
        assertThat(ours.mchId()).isEqualTo(NotificationFixtures.MCH_ID);
        assertThat(theirs.getOutTradeNo()).isEqualTo(ours.outTradeNo());
        assertThat(theirs.getTransactionId()).isEqualTo(ours.transactionId());
        assertThat(theirs.getOutRefundNo()).isEqualTo(ours.outRefundNo());
        assertThat(theirs.getRefundId()).isEqualTo(ours.refundId());
        assertThat(theirs.getRefundStatus().name()).isEqualTo(ours.refundStatus());
        assertThat(OffsetDateTime.parse(theirs.getSuccessTime())).isEqualTo(ours.successTime());
        assertThat(theirs.getUserReceivedAccount()).isEqualTo(ours.userReceivedAccount());
        assertThat(theirs.getAmount().getTotal())
                .isEqualTo(ours.amount().total())
                .isEqualTo(10_000);
        assertThat(theirs.getAmount().getRefund())
                .isEqualTo(ours.amount().refund())
                .isEqualTo(2_500);
        assertThat(theirs.getAmount().getPayerTotal()).isEqualTo(ours.amount().payerTotal());
        assertThat(theirs.getAmount().getPayerRefund()).isEqualTo(ours.amount().payerRefund());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void theSdkAlsoRefusesOurTamperedSignaturesAndTags(String kind, SigningKey key, NotificationParser sdk) {
        SignedRequest badSignature = TENANT.payment(transaction("O-1", 1))
                .signedWith(key)
                .tamper(Tamper.SIGNATURE)
                .timestamp(NOW)
                .build();
        SignedRequest badTag = TENANT.payment(transaction("O-1", 1))
                .signedWith(key)
                .tamper(Tamper.TAG)
                .timestamp(NOW)
                .build();
        Class<?> type = com.wechat.pay.java.service.payments.model.Transaction.class;

        assertThatThrownBy(() -> sdk.parse(sdkRequest(badSignature), type)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> sdk.parse(sdkRequest(badTag), type)).isInstanceOf(DecryptionException.class);
    }
}
