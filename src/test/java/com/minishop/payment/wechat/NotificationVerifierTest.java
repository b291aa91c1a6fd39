package com.minishop.payment.wechat;

import static com.minishop.payment.wechat.NotificationFixtures.APP_ID;
import static com.minishop.payment.wechat.NotificationFixtures.CLOCK;
import static com.minishop.payment.wechat.NotificationFixtures.MCH_ID;
import static com.minishop.payment.wechat.NotificationFixtures.NOW;
import static com.minishop.payment.wechat.NotificationFixtures.credentialsFor;
import static com.minishop.payment.wechat.NotificationFixtures.headers;
import static com.minishop.payment.wechat.NotificationFixtures.refund;
import static com.minishop.payment.wechat.NotificationFixtures.rejection;
import static com.minishop.payment.wechat.NotificationFixtures.transaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.minishop.payment.wechat.NotificationRejectedException.Reason;
import com.minishop.payment.wechat.WechatPayTestSigner.SignedRequest;
import com.minishop.payment.wechat.WechatPayTestSigner.SigningKey;
import com.minishop.payment.wechat.WechatPayTestSigner.Tamper;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Headers, time window, keys, signature and decryption: everything before the resource is read. */
class NotificationVerifierTest {

    private static final WechatPayTestSigner SIGNER = WechatPayTestSigner.create();
    private static final MerchantCredentials CREDS = credentialsFor(SIGNER);
    private static final NotificationVerifier VERIFIER = new NotificationVerifier(CLOCK, Duration.ofSeconds(300));

    private static SignedRequest payment() {
        return SIGNER.payment(transaction("ORDER-1001", 12_345)).timestamp(NOW).build();
    }

    private static VerifiedNotification verify(SignedRequest request) {
        return NotificationFixtures.verify(VERIFIER, request, CREDS);
    }

    private static NotificationRejectedException rejected(SignedRequest request) {
        return rejection(VERIFIER, request, CREDS);
    }

    @Nested
    class Accepted {

        @Test
        void paymentIsVerifiedDecryptedAndRead() {
            SignedRequest request = SIGNER.payment(transaction("ORDER-1001", 12_345))
                    .id("EV-2018022511223320873")
                    .createTime("2015-05-20T13:29:35+08:00")
                    .timestamp(NOW)
                    .build();

            VerifiedNotification n = verify(request);

            assertThat(n.id()).isEqualTo("EV-2018022511223320873");
            assertThat(n.eventType()).isEqualTo("TRANSACTION.SUCCESS");
            assertThat(n.createTime()).isEqualTo(OffsetDateTime.parse("2015-05-20T13:29:35+08:00"));
            assertThat(n.summary()).isEqualTo("支付成功");
            assertThat(n.serial()).isEqualTo(SIGNER.key().serial());
            assertThat(n.timestamp()).isEqualTo(NOW);
            assertThat(n.refund()).isEmpty();
            Transaction t = n.transaction().orElseThrow();
            assertThat(t.appId()).isEqualTo(APP_ID);
            assertThat(t.mchId()).isEqualTo(MCH_ID);
            assertThat(t.outTradeNo()).isEqualTo("ORDER-1001");
            assertThat(t.transactionId()).startsWith("42000").hasSize(28);
            assertThat(t.tradeType()).isEqualTo("JSAPI");
            assertThat(t.tradeState()).isEqualTo("SUCCESS");
            assertThat(t.tradeStateDesc()).isEqualTo("支付成功");
            assertThat(t.bankType()).isEqualTo("CMC");
            assertThat(t.attach()).isEmpty();
            assertThat(t.successTime()).isEqualTo(OffsetDateTime.parse("2018-06-08T10:34:56+08:00"));
            assertThat(t.payer().openId()).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
            assertThat(t.amount()).isEqualTo(new Transaction.Amount(12_345, 12_345, "CNY", "CNY"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"REFUND.SUCCESS", "REFUND.ABNORMAL", "REFUND.CLOSED"})
        void refundEventsAreRead(String eventType) {
            String status = eventType.substring("REFUND.".length());
            SignedRequest request = SIGNER.refund(refund(status, 10_000, 2_500))
                    .eventType(eventType)
                    .timestamp(NOW)
                    .build();

            VerifiedNotification n = verify(request);

            assertThat(n.eventType()).isEqualTo(eventType);
            assertThat(n.transaction()).isEmpty();
            Refund r = n.refund().orElseThrow();
            assertThat(r.mchId()).isEqualTo(MCH_ID);
            assertThat(r.outTradeNo()).isEqualTo("ORDER-1001");
            assertThat(r.outRefundNo()).isEqualTo("REFUND-2001");
            assertThat(r.refundId()).startsWith("50300");
            assertThat(r.refundStatus()).isEqualTo(status);
            assertThat(r.successTime())
                    .isEqualTo(status.equals("SUCCESS") ? OffsetDateTime.parse("2018-06-08T10:34:56+08:00") : null);
            assertThat(r.userReceivedAccount()).isEqualTo("招商银行信用卡0403");
            assertThat(r.amount()).isEqualTo(new Refund.Amount(10_000, 2_500, 10_000, 2_500));
        }

        @Test
        void otherTransactionEventWithATransactionResourceIsRead() {
            String closed = NotificationFixtures.withoutField(
                    transaction("ORDER-1001", 100).replace("\"trade_state\":\"SUCCESS\"", "\"trade_state\":\"CLOSED\""),
                    "success_time");
            SignedRequest request = SIGNER.payment(closed)
                    .eventType("TRANSACTION.CLOSED")
                    .timestamp(NOW)
                    .build();

            assertThat(verify(request).transaction().orElseThrow().tradeState()).isEqualTo("CLOSED");
        }

        @Test
        void absentSignatureTypeMeansRsa() {
            assertThat(verify(SIGNER.payment(transaction("O-1", 1))
                            .signatureType(null)
                            .timestamp(NOW)
                            .build()))
                    .isNotNull();
        }

        @Test
        void emptyAssociatedDataIsAuthenticatedAsEmpty() {
            SignedRequest request = SIGNER.payment(transaction("O-1", 1))
                    .associatedData("")
                    .timestamp(NOW)
                    .build();
            assertThat(request.bodyText()).contains("\"associated_data\":\"\"");

            assertThat(verify(request).transaction()).isPresent();
        }

        @Test
        void headerNamesMatchInAnyCase() {
            SignedRequest request = payment();
            Map<String, List<String>> lower = new HashMap<>();
            request.headers().forEach((name, values) -> lower.put(name.toLowerCase(), values));

            assertThat(VERIFIER.verify(request.body(), NotificationHeaders.fromMap(lower), CREDS)
                            .id())
                    .isNotNull();
        }

        @Test
        void oneVerifierServesManyThreadsAndTenants() throws Exception {
            WechatPayTestSigner other = WechatPayTestSigner.create();
            MerchantCredentials otherCreds = credentialsFor(other);
            List<Callable<String>> jobs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                boolean first = i % 2 == 0;
                SignedRequest request = (first ? SIGNER : other)
                        .payment(transaction("ORDER-" + i, i + 1))
                        .timestamp(NOW)
                        .build();
                MerchantCredentials creds = first ? CREDS : otherCreds;
                jobs.add(() -> VERIFIER.verify(request.body(), headers(request), creds)
                        .transaction()
                        .orElseThrow()
                        .outTradeNo());
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<String> orders = new ArrayList<>();
                for (Future<String> result : pool.invokeAll(jobs)) {
                    orders.add(result.get());
                }
                assertThat(orders).hasSize(40).doesNotHaveDuplicates().allMatch(o -> o.startsWith("ORDER-"));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class Headers {

        @ParameterizedTest
        @ValueSource(strings = {"Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature", "Wechatpay-Serial"})
        void missingRequiredHeader(String name) {
            NotificationRejectedException e = rejected(payment().withoutHeader(name));

            assertThat(e.reason()).isEqualTo(Reason.MISSING_HEADER);
            assertThat(e.getMessage()).contains(name);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "Wechatpay-Timestamp",
                    "Wechatpay-Nonce",
                    "Wechatpay-Signature",
                    "Wechatpay-Serial",
                    "Wechatpay-Signature-Type"
                })
        void headerGivenTwice(String name) {
            SignedRequest request = payment();
            String value = request.header(name);

            NotificationRejectedException e = rejected(request.withHeader(name, value, value));

            assertThat(e.reason()).isEqualTo(Reason.MALFORMED_HEADER);
            assertThat(e.getMessage()).contains(name).contains("more than once");
        }

        @Test
        void sameHeaderUnderTwoSpellingsCountsAsTwice() {
            SignedRequest request = payment();
            Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
            headers.put("wechatpay-serial", List.of(request.header("Wechatpay-Serial")));

            assertThatThrownBy(() -> VERIFIER.verify(request.body(), NotificationHeaders.fromMap(headers), CREDS))
                    .isInstanceOfSatisfying(NotificationRejectedException.class, e -> assertThat(e.reason())
                            .isEqualTo(Reason.MALFORMED_HEADER));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"", "abc", "-1740801600", "+1740801600", " 1740801600", "1740801600.0", "1234567890123"})
        void malformedTimestamp(String timestamp) {
            NotificationRejectedException e = rejected(payment().withHeader("Wechatpay-Timestamp", timestamp));

            assertThat(e.reason()).isEqualTo(Reason.MALFORMED_HEADER);
            assertThat(e.getMessage()).contains("Wechatpay-Timestamp");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "",
                    "has space",
                    "非ASCII",
                    "line\nbreak",
                    "12345678901234567890123456789012345678901234567890123456789012345"
                })
        void malformedNonceOrSerial(String value) {
            assertThat(rejected(payment().withHeader("Wechatpay-Nonce", value)).reason())
                    .isEqualTo(Reason.MALFORMED_HEADER);
            assertThat(rejected(payment().withHeader("Wechatpay-Serial", value)).reason())
                    .isEqualTo(Reason.MALFORMED_HEADER);
        }

        @Test
        void signatureThatIsNotBase64() {
            NotificationRejectedException e = rejected(payment().withHeader("Wechatpay-Signature", "not*base64"));

            assertThat(e.reason()).isEqualTo(Reason.MALFORMED_HEADER);
            assertThat(e.getMessage()).contains("Wechatpay-Signature");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"WECHATPAY2-SM2-WITH-SM3", "wechatpay2-sha256-rsa2048", "WECHATPAY2-SHA256-RSA2048 ", ""})
        void unsupportedSignatureType(String type) {
            assertThat(rejected(payment().withHeader("Wechatpay-Signature-Type", type))
                            .reason())
                    .isEqualTo(Reason.UNSUPPORTED_SIGNATURE_TYPE);
        }

        @Test
        void signtestProbeIsAFailedVerificationOfItsOwn() {
            NotificationRejectedException e = rejected(SIGNER.payment(transaction("O-1", 1))
                    .signtest()
                    .timestamp(NOW)
                    .build());

            assertThat(e.reason()).isEqualTo(Reason.SIGNTEST_PROBE);
            assertThat(e.category()).isEqualTo(NotificationRejectedException.Category.NOT_AUTHENTIC);
        }
    }

    @Nested
    class TimeWindow {

        @ParameterizedTest
        @ValueSource(longs = {-300, -299, 0, 299, 300})
        void withinToleranceInEitherDirection(long offsetSeconds) {
            SignedRequest request = SIGNER.payment(transaction("O-1", 1))
                    .timestamp(NOW.plusSeconds(offsetSeconds))
                    .build();

            assertThat(verify(request).timestamp()).isEqualTo(NOW.plusSeconds(offsetSeconds));
        }

        @ParameterizedTest
        @ValueSource(longs = {-301, 301, -86_400, 86_400, -1_740_801_600})
        void beyondToleranceInEitherDirection(long offsetSeconds) {
            SignedRequest request = SIGNER.payment(transaction("O-1", 1))
                    .timestamp(NOW.plusSeconds(offsetSeconds))
                    .build();

            NotificationRejectedException e = rejected(request);

            assertThat(e.reason()).isEqualTo(Reason.TIMESTAMP_OUT_OF_WINDOW);
            assertThat(e.getMessage()).contains("300 s");
        }

        @Test
        void toleranceIsConfigurable() {
            NotificationVerifier strict = new NotificationVerifier(CLOCK, Duration.ofSeconds(60));
            SignedRequest at60 = SIGNER.payment(transaction("O-1", 1))
                    .timestamp(NOW.minusSeconds(60))
                    .build();
            SignedRequest at61 = SIGNER.payment(transaction("O-1", 1))
                    .timestamp(NOW.minusSeconds(61))
                    .build();

            assertThat(NotificationFixtures.verify(strict, at60, CREDS)).isNotNull();
            assertThat(rejection(strict, at61, CREDS).reason()).isEqualTo(Reason.TIMESTAMP_OUT_OF_WINDOW);
        }

        @Test
        void aClockBetweenWholeSecondsStillHonoursTheBoundary() {
            NotificationVerifier verifier =
                    new NotificationVerifier(Clock.fixed(NOW.plusMillis(500), ZoneOffset.UTC), Duration.ofSeconds(300));
            SignedRequest request = SIGNER.payment(transaction("O-1", 1))
                    .timestamp(NOW.minusSeconds(300))
                    .build();

            // 300.5 s old is more than 300 s
            assertThat(rejection(verifier, request, CREDS).reason()).isEqualTo(Reason.TIMESTAMP_OUT_OF_WINDOW);
        }

        @Test
        void oldReplayIsRejectedEvenWithAValidSignature() {
            SignedRequest captured =
                    SIGNER.payment(transaction("O-1", 1)).timestamp(NOW).build();
            NotificationVerifier tomorrow = new NotificationVerifier(
                    Clock.fixed(NOW.plus(Duration.ofDays(1)), ZoneOffset.UTC), Duration.ofSeconds(300));

            assertThat(verify(captured)).isNotNull();
            assertThat(rejection(tomorrow, captured, CREDS).reason()).isEqualTo(Reason.TIMESTAMP_OUT_OF_WINDOW);
        }
    }

    @Nested
    class Keys {

        private static final WechatPayTestSigner OTHER_TENANT = WechatPayTestSigner.create();

        @Test
        void otherTenantsKeyUnderItsOwnSerialIsUnknown() {
            SignedRequest request =
                    OTHER_TENANT.payment(transaction("O-1", 1)).timestamp(NOW).build();

            NotificationRejectedException e = rejected(request);

            assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SERIAL);
            assertThat(e.claims().serial()).isEqualTo(OTHER_TENANT.key().serial());
        }

        @Test
        void otherTenantsKeyUnderOurSerialIsABadSignature() {
            SignedRequest request = OTHER_TENANT
                    .payment(transaction("O-1", 1))
                    .serial(SIGNER.key().serial())
                    .timestamp(NOW)
                    .build();

            assertThat(rejected(request).reason()).isEqualTo(Reason.BAD_SIGNATURE);
        }

        @Test
        void rightKeyUnderTheWrongSerialIsABadSignature() {
            SigningKey second = WechatPayTestSigner.newPublicKey();
            WechatPayTestSigner twoKeys = SIGNER.withKeys(second);
            MerchantCredentials creds = credentialsFor(twoKeys);
            SignedRequest keyAUnderSerialB = twoKeys.payment(transaction("O-1", 1))
                    .signedWith(SIGNER.key())
                    .serial(second.serial())
                    .timestamp(NOW)
                    .build();
            SignedRequest keyAUnderSerialA = twoKeys.payment(transaction("O-1", 1))
                    .signedWith(SIGNER.key())
                    .timestamp(NOW)
                    .build();

            assertThat(rejection(VERIFIER, keyAUnderSerialB, creds).reason()).isEqualTo(Reason.BAD_SIGNATURE);
            assertThat(NotificationFixtures.verify(VERIFIER, keyAUnderSerialA, creds)
                            .serial())
                    .isEqualTo(SIGNER.key().serial());
        }

        @Test
        void oneFlippedBitInTheSignature() {
            NotificationRejectedException e = rejected(SIGNER.payment(transaction("O-1", 1))
                    .tamper(Tamper.SIGNATURE)
                    .timestamp(NOW)
                    .build());

            assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
            assertThat(e.reason().signatureVerified()).isFalse();
        }

        @Test
        void truncatedSignatureIsABadSignature() {
            SignedRequest request = payment();
            String shortened = request.header("Wechatpay-Signature").substring(0, 8);

            assertThat(rejected(request.withHeader("Wechatpay-Signature", shortened))
                            .reason())
                    .isEqualTo(Reason.BAD_SIGNATURE);
        }

        @Test
        void certificateValidOnBothBoundariesButNotBeyond() {
            SigningKey startsNow = WechatPayTestSigner.newCertificate(NOW, NOW.plus(Duration.ofDays(1825)));
            SigningKey endsNow = WechatPayTestSigner.newCertificate(NOW.minus(Duration.ofDays(1825)), NOW);
            SigningKey expired =
                    WechatPayTestSigner.newCertificate(NOW.minus(Duration.ofDays(1825)), NOW.minusSeconds(1));
            SigningKey notYetValid =
                    WechatPayTestSigner.newCertificate(NOW.plusSeconds(1), NOW.plus(Duration.ofDays(1825)));
            WechatPayTestSigner tenant =
                    new WechatPayTestSigner(SIGNER.apiV3Key(), startsNow, endsNow, expired, notYetValid);
            MerchantCredentials creds = credentialsFor(tenant);

            for (SigningKey valid : List.of(startsNow, endsNow)) {
                SignedRequest request = tenant.payment(transaction("O-1", 1))
                        .signedWith(valid)
                        .timestamp(NOW)
                        .build();
                assertThat(NotificationFixtures.verify(VERIFIER, request, creds).serial())
                        .isEqualTo(valid.serial());
            }
            for (SigningKey invalid : List.of(expired, notYetValid)) {
                SignedRequest request = tenant.payment(transaction("O-1", 1))
                        .signedWith(invalid)
                        .timestamp(NOW)
                        .build();
                NotificationRejectedException e = rejection(VERIFIER, request, creds);
                assertThat(e.reason()).isEqualTo(Reason.CERTIFICATE_NOT_VALID);
                assertThat(e.getMessage()).contains(invalid.serial());
            }
        }

        @Test
        void certificateSerialMatchesInLowerCaseAndWithLeadingZeros() {
            SigningKey cert = WechatPayTestSigner.newCertificate(NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)));
            WechatPayTestSigner tenant = new WechatPayTestSigner(SIGNER.apiV3Key(), cert);
            MerchantCredentials creds = credentialsFor(tenant);

            for (String serial : List.of(cert.serial().toLowerCase(), "00" + cert.serial())) {
                SignedRequest request = tenant.payment(transaction("O-1", 1))
                        .serial(serial)
                        .timestamp(NOW)
                        .build();
                assertThat(NotificationFixtures.verify(VERIFIER, request, creds).serial())
                        .isEqualTo(cert.serial());
            }
        }
    }

    @Nested
    class Decryption {

        @ParameterizedTest
        @EnumSource(
                value = Tamper.class,
                names = {"CIPHERTEXT", "TAG", "ASSOCIATED_DATA", "NONCE"})
        void oneFlippedBitFailsTheTagCheck(Tamper tamper) {
            SignedRequest request = SIGNER.payment(transaction("O-1", 1))
                    .tamper(tamper)
                    .timestamp(NOW)
                    .build();

            NotificationRejectedException e = rejected(request);

            assertThat(e.reason()).isEqualTo(Reason.DECRYPTION_FAILED);
            assertThat(e.reason().signatureVerified()).isTrue();
        }

        @Test
        void wrongApiV3KeyFailsTheTagCheck() {
            MerchantCredentials wrongKey =
                    MerchantCredentials.of(APP_ID, MCH_ID, WechatPayTestSigner.randomApiV3Key(), CREDS.platformKeys());

            assertThat(rejection(VERIFIER, payment(), wrongKey).reason()).isEqualTo(Reason.DECRYPTION_FAILED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"AEAD_SM4_GCM", "aead_aes_256_gcm", "AEAD_AES_128_GCM"})
        void otherAlgorithm(String algorithm) {
            SignedRequest request = SIGNER.payment(transaction("O-1", 1))
                    .algorithm(algorithm)
                    .timestamp(NOW)
                    .build();

            NotificationRejectedException e = rejected(request);

            assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
            assertThat(e.getMessage()).contains("resource.algorithm");
        }

        @Test
        void ciphertextThatIsNotBase64() {
            SignedRequest request = SIGNER.payment(transaction("O-1", 1))
                    .timestamp(NOW)
                    .editBody(body -> body.replaceFirst("\"ciphertext\":\"[^\"]*\"", "\"ciphertext\":\"%%%\""))
                    .build();

            NotificationRejectedException e = rejected(request);

            assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY);
            assertThat(e.getMessage()).contains("resource.ciphertext");
        }

        @Test
        void ciphertextShorterThanTheTag() {
            SignedRequest request = SIGNER.payment(transaction("O-1", 1))
                    .timestamp(NOW)
                    .editBody(body -> body.replaceFirst("\"ciphertext\":\"[^\"]*\"", "\"ciphertext\":\"AAAA\""))
                    .build();

            assertThat(rejected(request).reason()).isEqualTo(Reason.DECRYPTION_FAILED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"short", "thirteen-char", "十二个字符的随机字符串呀"})
        void nonceThatIsNotTwelveBytes(String nonce) {
            SignedRequest request = SIGNER.payment(transaction("O-1", 1))
                    .timestamp(NOW)
                    .editBody(body -> body.replaceFirst("\"nonce\":\"[^\"]*\"", "\"nonce\":\"" + nonce + "\""))
                    .build();

            NotificationRejectedException e = rejected(request);

            assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY);
            assertThat(e.getMessage()).contains("resource.nonce");
        }
    }

    @Nested
    class BodySize {

        private static SignedRequest paddedTo(int size) {
            SignedRequest unpadded = payment();
            int padding = size - unpadded.body().length;
            return SIGNER.payment(transaction("ORDER-1001", 12_345))
                    .timestamp(NOW)
                    .editBody(body -> body + " ".repeat(padding))
                    .build();
        }

        @Test
        void bodyExactlyAtTheCapIsAccepted() {
            SignedRequest request = paddedTo(NotificationVerifier.DEFAULT_MAX_BODY_BYTES);
            assertThat(request.body()).hasSize(65_536);

            assertThat(verify(request).transaction()).isPresent();
        }

        @Test
        void oneByteOverTheCapIsRejected() {
            SignedRequest request = paddedTo(NotificationVerifier.DEFAULT_MAX_BODY_BYTES + 1);
            assertThat(request.body()).hasSize(65_537);

            NotificationRejectedException e = rejected(request);

            assertThat(e.reason()).isEqualTo(Reason.BODY_TOO_LARGE);
            assertThat(e.category().httpStatus()).isEqualTo(413);
            assertThat(e.claims().id())
                    .as("an oversized body is not read, even for the log")
                    .isNull();
        }

        @Test
        void sizeIsCheckedBeforeHeaders() {
            NotificationVerifier small = new NotificationVerifier(CLOCK, Duration.ofSeconds(300), 100);
            byte[] body = new byte[101];

            assertThatThrownBy(() -> small.verify(body, NotificationHeaders.of(null, null, null, null, null), CREDS))
                    .isInstanceOfSatisfying(NotificationRejectedException.class, e -> assertThat(e.reason())
                            .isEqualTo(Reason.BODY_TOO_LARGE));
        }
    }

    @Nested
    class RawBytes {

        @Test
        void oddWhitespaceAndChineseSummaryVerifyByteForByte() {
            SignedRequest request = SIGNER.payment(transaction("ORDER-1001", 100))
                    .summary("支付成功")
                    .editBody(WechatPayTestSigner.oddWhitespace())
                    .timestamp(NOW)
                    .build();
            assertThat(request.bodyText()).contains("\"summary\" \t:\r\n    \"支付成功\"");

            assertThat(verify(request).summary()).isEqualTo("支付成功");
        }

        @Test
        void theSameContentReserialisedDoesNotVerify() {
            SignedRequest request = SIGNER.payment(transaction("ORDER-1001", 100))
                    .editBody(WechatPayTestSigner.oddWhitespace())
                    .timestamp(NOW)
                    .build();
            String compact;
            try (JsonReader reader = Json.createReader(new StringReader(request.bodyText()))) {
                compact = reader.readObject().toString();
            }
            String escaped = request.bodyText().replace("支付成功", "\\u652f\\u4ed8\\u6210\\u529f");

            assertThat(rejected(request.withBody(compact.getBytes(StandardCharsets.UTF_8)))
                            .reason())
                    .isEqualTo(Reason.BAD_SIGNATURE);
            assertThat(rejected(request.withBody(escaped.getBytes(StandardCharsets.UTF_8)))
                            .reason())
                    .isEqualTo(Reason.BAD_SIGNATURE);
            assertThat(rejected(request.withBody(
                                    request.bodyText().getBytes(java.nio.charset.Charset.forName("GB18030"))))
                            .reason())
                    .isEqualTo(Reason.BAD_SIGNATURE);
        }

        @Test
        void aTrailingNewlineIsPartOfTheBody() {
            SignedRequest request = payment();
            byte[] withNewline = (request.bodyText() + "\n").getBytes(StandardCharsets.UTF_8);

            assertThat(rejected(request.withBody(withNewline)).reason()).isEqualTo(Reason.BAD_SIGNATURE);
        }
    }

    @Nested
    class Claims {

        @Test
        void rejectionCarriesWhatTheDeliveryClaimsForTheLog() {
            SignedRequest request = SIGNER.payment(transaction("O-1", 1))
                    .id("EV-123")
                    .tamper(Tamper.SIGNATURE)
                    .timestamp(NOW)
                    .build();

            UnverifiedClaims claims = rejected(request).claims();

            assertThat(claims.id()).isEqualTo("EV-123");
            assertThat(claims.eventType()).isEqualTo("TRANSACTION.SUCCESS");
            assertThat(claims.serial()).isEqualTo(SIGNER.key().serial());
            assertThat(claims.timestamp()).isEqualTo(Long.toString(NOW.getEpochSecond()));
        }

        @Test
        void claimsCannotForgeLogLines() {
            SignedRequest request = SIGNER.payment(transaction("O-1", 1))
                    .id("EV-1\nFAKE LOG LINE 支付")
                    .serial("SERIAL\r\nX")
                    .tamper(Tamper.SIGNATURE)
                    .timestamp(NOW)
                    .build();

            UnverifiedClaims claims = rejected(request).claims();

            assertThat(claims.id()).isEqualTo("EV-1?FAKE LOG LINE ??");
            assertThat(claims.serial()).isEqualTo("SERIAL??X");
        }

        @Test
        void peekOnAnUnreadableBodyYieldsNothingAndDoesNotThrow() {
            NotificationHeaders none = NotificationHeaders.of(null, null, null, null, null);
            for (String body : List.of(
                    "",
                    "not json",
                    "[1,2]",
                    "{\"id\":",
                    "[".repeat(10_000),
                    "{\"id\":\"EV-9\",\"x\":" + "[".repeat(10_000))) {
                UnverifiedClaims claims = VERIFIER.peek(body.getBytes(StandardCharsets.UTF_8), none);
                assertThat(claims.eventType()).isNull();
                assertThat(claims.id()).isIn(null, "EV-9");
            }
            assertThat(VERIFIER.peek(new byte[] {(byte) 0xff, (byte) 0xfe}, null)
                            .id())
                    .isNull();
        }
    }
}
