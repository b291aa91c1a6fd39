package com.minishop.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.minishop.payment.wechat.WechatPayTestSigner;
import com.minishop.payment.wechat.WechatPayTestSigner.SignedRequest;
import com.minishop.payment.wechat.WechatPayTestSigner.Tamper;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A corpus of hostile deliveries to the public notify endpoint. Every case must get its own 4XX with a
 * FAIL body and no stack trace, exactly one callback log row, and no change to any order, payment, refund
 * or audit record; afterwards the genuine notification still applies.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileInputIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    /** One hostile delivery: where it goes (a tenant path), what is sent, and the answer it must get. */
    record Case(String name, String tenantPath, SignedRequest request, int status, String outcome) {}

    private static final String NUL = "\u0000";
    private static final String SQL = "1'; DROP TABLE orders; --";
    private static final String SCRIPT = "<script>alert(1)</script>";

    @Test
    void everyHostileDeliveryIsRefusedLoggedAndChangesNothing() {
        var tenant = WechatTenant.create(base);
        var other = WechatTenant.create(base);
        String orderNo = tenant.order(100);
        var wechat = tenant.wechat;
        String paid = tenant.paid(orderNo, 100);
        Instant now = Instant.now();
        String me = String.valueOf(tenant.id);
        Function<String, SignedRequest> signedBody =
                text -> wechat.rawRequest(text.getBytes(StandardCharsets.UTF_8), now, wechat.key());
        Function<Function<String, String>, SignedRequest> edited =
                edit -> wechat.payment(edit.apply(paid)).build();

        List<Case> cases = new ArrayList<>();
        // forged, probed, replayed
        cases.add(new Case(
                "random signature",
                me,
                wechat.payment(paid)
                        .build()
                        .withHeader("Wechatpay-Signature", Base64.getEncoder().encodeToString(new byte[256])),
                401,
                "BAD_SIGNATURE"));
        cases.add(new Case(
                "flipped signature bit",
                me,
                wechat.payment(paid).tamper(Tamper.SIGNATURE).build(),
                401,
                "BAD_SIGNATURE"));
        cases.add(new Case(
                "signature not Base64",
                me,
                wechat.payment(paid).build().withHeader("Wechatpay-Signature", "%%%"),
                400,
                "MALFORMED_HEADER"));
        cases.add(new Case("SIGNTEST probe", me, wechat.payment(paid).signtest().build(), 401, "SIGNTEST_PROBE"));
        cases.add(new Case(
                "replay 301 s old",
                me,
                wechat.payment(paid).timestamp(now.minusSeconds(301)).build(),
                401,
                "TIMESTAMP_OUT_OF_WINDOW"));
        cases.add(new Case(
                "replay a day old",
                me,
                wechat.payment(paid).timestamp(now.minusSeconds(86_400)).build(),
                401,
                "TIMESTAMP_OUT_OF_WINDOW"));
        // the exact 300/301 s boundaries are unit-tested with a fixed clock; here the clock runs on
        cases.add(new Case(
                "400 s in the future",
                me,
                wechat.payment(paid).timestamp(now.plusSeconds(400)).build(),
                401,
                "TIMESTAMP_OUT_OF_WINDOW"));
        cases.add(new Case(
                "timestamp not a number",
                me,
                wechat.payment(paid).timestamp("soon").build(),
                400,
                "MALFORMED_HEADER"));
        cases.add(new Case(
                "another tenant's key and serial",
                me,
                other.wechat.payment(paid).build(),
                401,
                "UNKNOWN_SERIAL"));
        cases.add(new Case(
                "our serial, another key",
                me,
                wechat.payment(paid)
                        .signedWith(WechatPayTestSigner.newPublicKey(
                                wechat.key().serial(), WechatPayTestSigner.newRsaKeyPair()))
                        .build(),
                401,
                "BAD_SIGNATURE"));
        cases.add(new Case(
                "SQL in the serial", me, wechat.payment(paid).serial(SQL).build(), 400, "MALFORMED_HEADER"));
        cases.add(new Case(
                "SQL without spaces in the serial",
                me,
                wechat.payment(paid).serial("1';DROP/**/TABLE/**/orders;--").build(),
                401,
                "UNKNOWN_SERIAL"));
        cases.add(new Case(
                "unsupported signature type",
                me,
                wechat.payment(paid).signatureType("WECHATPAY2-SM2-WITH-SM3").build(),
                401,
                "UNSUPPORTED_SIGNATURE_TYPE"));
        // tampered resource
        cases.add(new Case(
                "tampered ciphertext",
                me,
                wechat.payment(paid).tamper(Tamper.CIPHERTEXT).build(),
                401,
                "DECRYPTION_FAILED"));
        cases.add(new Case(
                "tampered tag", me, wechat.payment(paid).tamper(Tamper.TAG).build(), 401, "DECRYPTION_FAILED"));
        cases.add(new Case(
                "tampered AAD",
                me,
                wechat.payment(paid).tamper(Tamper.ASSOCIATED_DATA).build(),
                401,
                "DECRYPTION_FAILED"));
        cases.add(new Case(
                "tampered nonce", me, wechat.payment(paid).tamper(Tamper.NONCE).build(), 401, "DECRYPTION_FAILED"));
        cases.add(new Case(
                "another algorithm",
                me,
                wechat.payment(paid).algorithm("AEAD_AES_128_GCM").build(),
                401,
                "UNSUPPORTED_ALGORITHM"));
        // broken bodies
        SignedRequest genuine = wechat.payment(paid).build();
        byte[] body = genuine.body();
        cases.add(new Case(
                "truncated after signing",
                me,
                genuine.withBody(java.util.Arrays.copyOf(body, body.length / 2)),
                401,
                "BAD_SIGNATURE"));
        cases.add(new Case(
                "truncated and signed",
                me,
                signedBody.apply(genuine.bodyText().substring(0, body.length / 2)),
                400,
                "MALFORMED_BODY"));
        cases.add(new Case("empty body", me, signedBody.apply(""), 400, "MALFORMED_BODY"));
        cases.add(new Case(
                "over 64 KiB",
                me,
                wechat.rawRequest(new byte[64 * 1024 + 1], now, wechat.key()),
                413,
                "BODY_TOO_LARGE"));
        cases.add(new Case(
                "5 MB", me, wechat.rawRequest(new byte[5 * 1024 * 1024], now, wechat.key()), 413, "BODY_TOO_LARGE"));
        cases.add(new Case(
                "invalid UTF-8",
                me,
                wechat.rawRequest(
                        new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                        now,
                        wechat.key()),
                400,
                "MALFORMED_BODY"));
        cases.add(new Case(
                "deeply nested JSON",
                me,
                signedBody.apply("[".repeat(10_000) + "]".repeat(10_000)),
                400,
                "MALFORMED_BODY"));
        cases.add(new Case(
                "huge JSON",
                me,
                signedBody.apply("{\"id\":\"x\",\"junk\":[" + "1,".repeat(30_000) + "1]}"),
                400,
                "MISSING_FIELD"));
        cases.add(new Case("not JSON", me, signedBody.apply(SCRIPT), 400, "MALFORMED_BODY"));
        cases.add(new Case(
                "resource is not the right shape", me, wechat.payment("[1,2,3]").build(), 400, "MALFORMED_BODY"));
        cases.add(new Case(
                "unknown event type",
                me,
                wechat.payment(paid).eventType("MARKETING.COUPON").build(),
                400,
                "UNKNOWN_EVENT_TYPE"));
        cases.add(new Case(
                "script as event type",
                me,
                wechat.payment(paid).eventType(SCRIPT).build(),
                400,
                "UNKNOWN_EVENT_TYPE"));
        // headers
        for (String header :
                List.of("Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature", "Wechatpay-Serial")) {
            cases.add(new Case(
                    "missing " + header,
                    me,
                    wechat.payment(paid).build().withoutHeader(header),
                    400,
                    "MISSING_HEADER"));
            SignedRequest once = wechat.payment(paid).build();
            cases.add(new Case(
                    "duplicated " + header,
                    me,
                    once.withHeader(header, once.header(header), once.header(header)),
                    400,
                    "MALFORMED_HEADER"));
        }
        // tenant ids
        // (a NUL in the path, %00, is refused by the HTTP server itself with a bare 400 before the application)
        for (String path :
                List.of("abc", "-1", "0", "1e3", "99999999999999999999", "%27%20OR%201%3D1%20--", "%E6%94%AF")) {
            cases.add(new Case("tenant id " + path, path, wechat.payment(paid).build(), 404, "UNKNOWN_TENANT"));
        }
        cases.add(new Case(
                "tenant without an account",
                String.valueOf(other.id + 50_000_000),
                wechat.payment(paid).build(),
                404,
                "UNKNOWN_TENANT"));
        // verified, but hostile content
        cases.add(
                new Case("SQL as out_trade_no", me, edited.apply(j -> j.replace(orderNo, SQL)), 400, "MALFORMED_BODY"));
        cases.add(new Case(
                "script as out_trade_no", me, edited.apply(j -> j.replace(orderNo, SCRIPT)), 400, "MALFORMED_BODY"));
        cases.add(new Case("SQL as mchid", me, edited.apply(j -> j.replace(tenant.mchId, SQL)), 400, "MALFORMED_BODY"));
        cases.add(new Case(
                "NUL in transaction_id",
                me,
                edited.apply(j -> j.replaceFirst("\"transaction_id\":\"", "\"transaction_id\":\"\\\\u0000")),
                400,
                "MALFORMED_BODY"));
        cases.add(new Case(
                "SQL as notification id", me, wechat.payment(paid).id(SQL + NUL).build(), 400, "MALFORMED_BODY"));
        cases.add(new Case(
                "another merchant's mchid",
                me,
                wechat.payment(WechatPayTestSigner.transactionJson(tenant.appId, "1999999999", orderNo, 100))
                        .build(),
                422,
                "MISMATCH"));
        cases.add(new Case(
                "another app's appid",
                me,
                wechat.payment(WechatPayTestSigner.transactionJson("wx0000000000000000", tenant.mchId, orderNo, 100))
                        .build(),
                422,
                "MISMATCH"));
        // amounts
        cases.add(new Case(
                "overflowing amount",
                me,
                edited.apply(j -> j.replace("\"total\":100", "\"total\":99999999999999999999")),
                400,
                "MALFORMED_BODY"));
        cases.add(new Case(
                "negative amount",
                me,
                edited.apply(j -> j.replace("\"total\":100", "\"total\":-100")),
                400,
                "MALFORMED_BODY"));
        cases.add(new Case(
                "fractional amount",
                me,
                edited.apply(j -> j.replace("\"total\":100", "\"total\":100.5")),
                400,
                "MALFORMED_BODY"));
        cases.add(new Case(
                "amount as text",
                me,
                edited.apply(j -> j.replace("\"total\":100", "\"total\":\"100\"")),
                400,
                "MALFORMED_BODY"));
        cases.add(new Case(
                "smaller amount", me, edited.apply(j -> j.replace("\"total\":100", "\"total\":1")), 422, "MISMATCH"));
        cases.add(new Case(
                "another currency",
                me,
                edited.apply(j -> j.replace("\"currency\":\"CNY\"", "\"currency\":\"USD\"")),
                422,
                "MISMATCH"));
        cases.add(new Case(
                "unknown trade state",
                me,
                edited.apply(j -> j.replace("\"trade_state\":\"SUCCESS\"", "\"trade_state\":\"" + SCRIPT + "\"")),
                400,
                "MALFORMED_BODY"));

        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            long logRowsBefore = Db.count("SELECT count(*) FROM callback_log");
            var answer = tenant.deliverTo(c.tenantPath(), c.request());
            String problem = null;
            if (answer.status() != c.status()) {
                problem = "status " + answer.status() + " " + answer.body();
            } else if (!answer.body().startsWith("{\"code\":\"FAIL\"")
                    || answer.body().contains("Exception")
                    || answer.body().contains("\tat ")) {
                problem = "body " + answer.body();
            } else {
                var rows = Db.rows("SELECT outcome, http_status FROM callback_log ORDER BY id DESC LIMIT 1");
                long logRowsAfter = Db.count("SELECT count(*) FROM callback_log");
                if (logRowsAfter != logRowsBefore + 1) {
                    problem = (logRowsAfter - logRowsBefore) + " log rows";
                } else if (!c.outcome().equals(rows.get(0).get("outcome"))) {
                    problem = "logged " + rows.get(0);
                }
            }
            if (problem != null) {
                failures.add(c.name() + ": " + problem);
            }
        }
        assertThat(failures).as("%d cases", cases.size()).isEmpty();

        var order = tenant.readOrder(orderNo);
        assertThat(order.getInt("payState")).isZero();
        assertThat(order.isNull("transactionId")).isTrue();
        assertThat(Db.count("SELECT count(*) FROM audit_record"))
                .isEqualTo(Db.count(
                        "SELECT count(*) FROM audit_record WHERE tenant_id NOT IN (?, ?)", tenant.id, other.id));
        assertThat(Db.count("SELECT count(*) FROM payment_record WHERE tenant_id IN (?, ?)", tenant.id, other.id))
                .isZero();
        assertThat(Db.count("SELECT count(*) FROM callback_log WHERE settled AND tenant_id = ?", tenant.id))
                .isZero();
        assertThat(Db.rows("SELECT to_regclass('orders') AS t").get(0).get("t")).isNotNull();

        var get = ApiClient.anonymous(base).get("api/v1/payments/wechat/notify/" + tenant.id);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.json().getString("code")).isEqualTo("FAIL");

        assertThat(tenant.deliver(genuine).status()).isEqualTo(204);
        assertThat(tenant.readOrder(orderNo).getInt("payState")).isEqualTo(2);
        System.out.println("hostile input corpus: " + cases.size() + " cases, all refused, logged, nothing changed");
    }
}
