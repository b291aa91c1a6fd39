package com.minishop.payment.wechat;

import static com.minishop.payment.wechat.NotificationFixtures.CLOCK;
import static com.minishop.payment.wechat.NotificationFixtures.NOW;
import static com.minishop.payment.wechat.NotificationFixtures.credentialsFor;
import static com.minishop.payment.wechat.NotificationFixtures.refund;
import static com.minishop.payment.wechat.NotificationFixtures.rejection;
import static com.minishop.payment.wechat.NotificationFixtures.transaction;
import static com.minishop.payment.wechat.NotificationFixtures.withField;
import static com.minishop.payment.wechat.NotificationFixtures.withoutField;
import static org.assertj.core.api.Assertions.assertThat;

import com.minishop.payment.wechat.NotificationRejectedException.Reason;
import com.minishop.payment.wechat.WechatPayTestSigner.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading a correctly signed body: envelope, event types, the decrypted resource, amounts. */
class NotificationBodyTest {

    private static final WechatPayTestSigner SIGNER = WechatPayTestSigner.create();
    private static final MerchantCredentials CREDS = credentialsFor(SIGNER);
    private static final NotificationVerifier VERIFIER = new NotificationVerifier(CLOCK, Duration.ofSeconds(300));

    private static NotificationRejectedException rejected(SignedRequest request) {
        NotificationRejectedException e = rejection(VERIFIER, request, CREDS);
        assertThat(e.getMessage()).doesNotContain(SIGNER.apiV3Key());
        return e;
    }

    private static VerifiedNotification accepted(SignedRequest request) {
        return NotificationFixtures.verify(VERIFIER, request, CREDS);
    }

    private static SignedRequest signedBody(String body) {
        return SIGNER.rawRequest(body.getBytes(StandardCharsets.UTF_8), NOW, SIGNER.key());
    }

    private static SignedRequest paymentWith(String transactionJson) {
        return SIGNER.payment(transactionJson).timestamp(NOW).build();
    }

    private static SignedRequest envelopeEdited(java.util.function.UnaryOperator<String> edit) {
        return SIGNER.payment(transaction("O-1", 1))
                .timestamp(NOW)
                .editBody(edit)
                .build();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "hello",
                "[]",
                "\"text\"",
                "42",
                "{\"id\":\"EV-1\"",
                "{} {}",
                "{}x",
                "{\"id\":\"EV-1\",}",
                "{'id':'EV-1'}"
            })
    void signedBodyThatIsNotOneJsonObject(String body) {
        NotificationRejectedException e = rejected(signedBody(body));

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY);
        assertThat(e.reason().signatureVerified()).isTrue();
        assertThat(e.category().httpStatus()).isEqualTo(400);
    }

    @Test
    void signedBodyThatIsNotUtf8() {
        byte[] body = transactionEnvelopeBytes();
        byte[] broken = new byte[body.length + 1];
        System.arraycopy(body, 0, broken, 0, 10);
        broken[10] = (byte) 0xC3; // a lead byte without its continuation
        System.arraycopy(body, 10, broken, 11, body.length - 10);

        NotificationRejectedException e = rejected(SIGNER.rawRequest(broken, NOW, SIGNER.key()));

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY);
        assertThat(e.getMessage()).contains("UTF-8");
    }

    @Test
    void tenThousandNestedBracketsAreRejectedWithoutExhaustingTheStack() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        String deepInField = "{\"id\":\"EV-1\",\"extra\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";

        assertThat(rejected(signedBody(deep)).reason()).isEqualTo(Reason.MALFORMED_BODY);
        NotificationRejectedException inField = rejected(signedBody(deepInField));
        assertThat(inField.reason()).isEqualTo(Reason.MALFORMED_BODY);
        assertThat(inField.getMessage()).contains("nests deeper");
        assertThat(inField.claims().id()).isEqualTo("EV-1");
        // unsigned, the same body is refused by the signature check, and peeking at it is safe
        SignedRequest unsigned = signedBody(deep).withBody("[".repeat(10_000).getBytes(StandardCharsets.UTF_8));
        assertThat(rejected(unsigned).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void deepNestingInsideTheDecryptedResource() {
        String deep = transaction("O-1", 1)
                .replace("\"promotion_detail\":[]", "\"promotion_detail\":" + "[".repeat(10_000) + "]".repeat(10_000));

        NotificationRejectedException e = rejected(paymentWith(deep));

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY);
        assertThat(e.getMessage()).isEqualTo("the decrypted transaction nests deeper than 32 levels");
    }

    @Test
    void nestingUpToTheLimitIsFine() {
        String nested = transaction("O-1", 1)
                .replace(
                        "\"promotion_detail\":[]",
                        "\"promotion_detail\":"
                                + "[".repeat(JsonSupport.MAX_DEPTH - 1)
                                + "]".repeat(JsonSupport.MAX_DEPTH - 1));

        assertThat(accepted(paymentWith(nested)).transaction()).isPresent();
    }

    @Test
    void nestingIsCountedInsideKnownObjectsToo() {
        int limit = JsonSupport.MAX_DEPTH;
        // top level (1) + amount (2) + brackets
        String atLimit = nestedInAmount(limit - 2);
        String overLimit = nestedInAmount(limit - 1);

        assertThat(accepted(paymentWith(atLimit)).transaction()).isPresent();
        assertThat(rejected(paymentWith(overLimit)).getMessage())
                .isEqualTo("the decrypted transaction nests deeper than 32 levels");
    }

    private static String nestedInAmount(int brackets) {
        return transaction("O-1", 1)
                .replace("\"amount\":{", "\"amount\":{\"x\":" + "[".repeat(brackets) + "]".repeat(brackets) + ",");
    }

    @Test
    void decryptedResourceThatIsNotUtf8() {
        SignedRequest request = SIGNER.payment("{}")
                .resourceBytes(new byte[] {'{', '"', (byte) 0xFF, '"', '}'})
                .timestamp(NOW)
                .build();

        NotificationRejectedException e = rejected(request);

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY);
        assertThat(e.getMessage()).contains("decrypted resource is not valid UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[]", "{\"a\":1}}"})
    void decryptedResourceThatIsNotOneJsonObject(String plaintext) {
        NotificationRejectedException e = rejected(paymentWith(plaintext));

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY);
        assertThat(e.getMessage()).startsWith("the decrypted transaction is not");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "amount | [1] | an object",
                "payer | \"openid\" | an object",
                "appid | {} | a string",
                "out_trade_no | 1001 | a string",
                "openid | 7 | a string",
                "currency | null | MISSING",
                "success_time | \"yesterday\" | an RFC 3339 date-time",
                "success_time | \"2018-06-08 10:34:56+08:00\" | an RFC 3339 date-time",
                "success_time | \"2018-13-08T10:34:56+08:00\" | an RFC 3339 date-time"
            })
    void transactionFieldOfTheWrongType(String field, String raw, String expected) {
        String json = field.equals("amount") || field.equals("payer")
                ? transaction("O-1", 1).replaceFirst("\"" + field + "\":\\{[^}]*\\}", "\"" + field + "\":" + raw)
                : withField(transaction("O-1", 1), field, raw);

        NotificationRejectedException e = rejected(paymentWith(json));

        String path = field.equals("openid") ? "payer.openid" : field.equals("currency") ? "amount.currency" : field;
        if (expected.equals("MISSING")) {
            assertThat(e.reason()).isEqualTo(Reason.MISSING_FIELD);
            assertThat(e.getMessage()).isEqualTo("missing field " + path + " in the decrypted transaction");
        } else {
            assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY);
            assertThat(e.getMessage()).isEqualTo("field " + path + " in the decrypted transaction is not " + expected);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2018-06-08T10:34:56+08:00",
                "2018-06-08T10:34:56-05:30",
                "2018-06-08T10:34:56Z",
                "2018-06-08T10:34:56.123+08:00",
                "2024-02-29T23:59:59+14:00"
            })
    void datesReadAsIsoOffsetDateTimeDoes(String text) {
        assertThat(JsonCursor.parseTime(text)).isEqualTo(OffsetDateTime.parse(text));
    }

    @ParameterizedTest
    @CsvSource({
        "id, id",
        "create_time, create_time",
        "event_type, event_type",
        "resource, resource",
        "algorithm, resource.algorithm",
        "ciphertext, resource.ciphertext",
        "nonce, resource.nonce",
        "original_type, resource.original_type"
    })
    void missingEnvelopeField(String field, String named) {
        SignedRequest request = envelopeEdited(body -> withoutField(body, field));

        NotificationRejectedException e = rejected(request);

        assertThat(e.reason()).isEqualTo(Reason.MISSING_FIELD);
        assertThat(e.getMessage()).isEqualTo("missing field " + named + " in the notification body");
    }

    @Test
    void duplicateMemberNamesAreRefused() {
        SignedRequest request = envelopeEdited(body -> body.replace("{\"id\":", "{\"id\":\"EV-other\",\"id\":"));

        NotificationRejectedException e = rejected(request);

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY);
        assertThat(e.getMessage()).isEqualTo("field id in the notification body is given twice");
    }

    @Test
    void duplicateMemberNamesInTheResourceAreRefused() {
        String twice = transaction("O-1", 100).replace("\"total\":100,", "\"total\":100,\"total\":1,");

        NotificationRejectedException e = rejected(paymentWith(twice));

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY);
        assertThat(e.getMessage()).isEqualTo("field amount.total in the decrypted transaction is given twice");
    }

    @Test
    void envelopeWithoutResourceObject() {
        SignedRequest request =
                envelopeEdited(body -> body.replaceFirst("\"resource\":\\{.*\\}\\}$", "\"resource\":null}"));
        assertThat(rejected(request).getMessage()).contains("missing field resource ");
    }

    @Test
    void overlongNotificationId() {
        SignedRequest request = SIGNER.payment(transaction("O-1", 1))
                .id("E".repeat(65))
                .timestamp(NOW)
                .build();

        assertThat(rejected(request).reason()).isEqualTo(Reason.MALFORMED_BODY);
        assertThat(accepted(SIGNER.payment(transaction("O-1", 1))
                                .id("E".repeat(64))
                                .timestamp(NOW)
                                .build())
                        .id())
                .hasSize(64);
    }

    @Test
    void malformedCreateTime() {
        SignedRequest request = SIGNER.payment(transaction("O-1", 1))
                .createTime("2015-05-20 13:29:35")
                .timestamp(NOW)
                .build();
        NotificationRejectedException e = rejected(request);

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY);
        assertThat(e.getMessage()).doesNotContain("2015-05-20");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "appid",
                "mchid",
                "out_trade_no",
                "transaction_id",
                "trade_type",
                "trade_state",
                "amount",
                "success_time"
            })
    void missingTransactionField(String field) {
        NotificationRejectedException e = rejected(paymentWith(withoutField(transaction("O-1", 1), field)));

        assertThat(e.reason()).isEqualTo(Reason.MISSING_FIELD);
        assertThat(e.getMessage()).isEqualTo("missing field " + field + " in the decrypted transaction");
    }

    @ParameterizedTest
    @ValueSource(strings = {"total", "payer_total", "currency"})
    void missingTransactionAmountField(String field) {
        NotificationRejectedException e = rejected(paymentWith(withoutField(transaction("O-1", 1), field)));

        assertThat(e.reason()).isEqualTo(Reason.MISSING_FIELD);
        assertThat(e.getMessage()).isEqualTo("missing field amount." + field + " in the decrypted transaction");
    }

    @Test
    void optionalTransactionFieldsMayBeAbsent() {
        String minimal = transaction("O-1", 1);
        for (String field :
                new String[] {"trade_state_desc", "bank_type", "attach", "payer", "payer_currency", "scene_info"}) {
            minimal = withoutField(minimal, field);
        }

        Transaction t = accepted(paymentWith(minimal)).transaction().orElseThrow();

        assertThat(t.attach()).isNull();
        assertThat(t.payer()).isNull();
        assertThat(t.amount().payerCurrency()).isNull();
        assertThat(t.amount().total()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "mchid",
                "out_trade_no",
                "transaction_id",
                "out_refund_no",
                "refund_id",
                "refund_status",
                "success_time",
                "amount"
            })
    void missingRefundField(String field) {
        SignedRequest request = SIGNER.refund(withoutField(refund("SUCCESS", 100, 100), field))
                .timestamp(NOW)
                .build();

        NotificationRejectedException e = rejected(request);

        assertThat(e.reason()).isEqualTo(Reason.MISSING_FIELD);
        assertThat(e.getMessage()).isEqualTo("missing field " + field + " in the decrypted refund");
    }

    @ParameterizedTest
    @ValueSource(strings = {"total", "refund", "payer_total", "payer_refund"})
    void missingOrNullRefundAmount(String field) {
        String json = refund("SUCCESS", 100, 100);
        for (String variant : new String[] {withoutField(json, field), withField(json, field, "null")}) {
            NotificationRejectedException e =
                    rejected(SIGNER.refund(variant).timestamp(NOW).build());

            assertThat(e.reason()).isEqualTo(Reason.MISSING_FIELD);
            assertThat(e.getMessage()).isEqualTo("missing field amount." + field + " in the decrypted refund");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-1",
                "-0.5",
                "9223372036854775808",
                "99999999999999999999999",
                "1.5",
                "0.01",
                "1e400",
                "1E-400",
                "\"100\"",
                "true",
                "{}"
            })
    void amountThatIsNotAWholeNonNegativeFen(String raw) {
        NotificationRejectedException payment = rejected(paymentWith(withField(transaction("O-1", 1), "total", raw)));
        NotificationRejectedException refund =
                rejected(SIGNER.refund(withField(refund("SUCCESS", 100, 100), "refund", raw))
                        .timestamp(NOW)
                        .build());

        assertThat(payment.reason()).isEqualTo(Reason.MALFORMED_BODY);
        assertThat(payment.getMessage()).startsWith("field amount.total in the decrypted transaction is not");
        assertThat(refund.reason()).isEqualTo(Reason.MALFORMED_BODY);
        assertThat(refund.getMessage()).startsWith("field amount.refund in the decrypted refund is not");
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "9223372036854775807, 9223372036854775807", "100.00, 100", "1e2, 100"})
    void amountsAreReadExactly(String raw, long expected) {
        SignedRequest request = paymentWith(withField(transaction("O-1", 1), "payer_total", raw));

        Transaction t = accepted(request).transaction().orElseThrow();

        assertThat(t.amount().payerTotal()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"MCHTRANSFER.BILL.FINISHED", "REFUND.PROCESSING", "transaction.success", "PROFITSHARING.RETURN"})
    void eventTypeThisServiceDoesNotRead(String eventType) {
        SignedRequest request = SIGNER.payment(transaction("O-1", 1))
                .eventType(eventType)
                .timestamp(NOW)
                .build();

        NotificationRejectedException e = rejected(request);

        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_EVENT_TYPE);
        assertThat(e.getMessage()).contains(eventType);
        assertThat(e.reason().signatureVerified()).isTrue();
    }

    @Test
    void originalTypeMustMatchTheEvent() {
        SignedRequest request = SIGNER.payment(transaction("O-1", 1))
                .originalType("refund")
                .timestamp(NOW)
                .build();

        NotificationRejectedException e = rejected(request);

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY);
        assertThat(e.getMessage()).contains("resource.original_type");
    }

    @Test
    void unknownFieldsAnywhereAreIgnored() {
        String richer = transaction("O-1", 1)
                .replace(
                        "\"promotion_detail\":[]",
                        "\"promotion_detail\":[{\"coupon_id\":\"109519\",\"goods_detail\":[{\"goods_id\":\"M1\"}]}],\"new\":1");
        SignedRequest request = SIGNER.payment(richer)
                .timestamp(NOW)
                .editBody(body -> body.replace("{\"id\"", "{\"future_field\":{\"a\":[1,2]},\"id\""))
                .build();

        assertThat(accepted(request).transaction()).isPresent();
    }

    @Test
    void messagesNeverQuoteDecryptedContent() {
        String secretish =
                transaction("ORDER-SECRET-77", 1).replace("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", "OPENID-SECRET-88");
        for (SignedRequest request : new SignedRequest[] {
            paymentWith(withoutField(secretish, "appid")),
            paymentWith(withField(secretish, "total", "-5")),
            paymentWith(secretish.replace(
                    "\"success_time\":\"2018-06-08T10:34:56+08:00\"", "\"success_time\":\"SECRET-TIME\"")),
            paymentWith(secretish.replace("}", "},")),
        }) {
            NotificationRejectedException e = rejected(request);
            assertThat(e.getMessage()).doesNotContain("SECRET");
            assertThat(e.getCause()).isNull();
        }
    }

    private static byte[] transactionEnvelopeBytes() {
        return SIGNER.payment(transaction("O-1", 1)).timestamp(NOW).build().body();
    }
}
