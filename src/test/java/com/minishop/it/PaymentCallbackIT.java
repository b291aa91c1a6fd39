package com.minishop.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.minishop.payment.wechat.WechatPayTestSigner;
import com.minishop.payment.wechat.WechatPayTestSigner.SignedRequest;
import com.minishop.payment.wechat.WechatPayTestSigner.Tamper;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The payment callback over real HTTP, with WeChat Pay played by the test signer: every answer, every row
 * of the state machine, duplicates and concurrency, refunds, and what lands in the order, the payment and
 * refund records, the callback log and the audit trail.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PaymentCallbackIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    private static String idOf(SignedRequest request) {
        try (var reader = Json.createReader(new StringReader(request.bodyText()))) {
            return reader.readObject().getString("id");
        }
    }

    private static void assertFail(ApiClient.Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        JsonObject body = answer.json();
        assertThat(body.getString("code")).isEqualTo("FAIL");
        assertThat(body.getString("message")).isNotBlank();
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static void assertUnpaid(WechatTenant tenant, String orderNo) {
        JsonObject order = tenant.readOrder(orderNo);
        assertThat(order.getInt("payState")).isZero();
        assertThat(order.getString("orderStatus")).isEqualTo("PENDING_PAYMENT");
        assertThat(order.isNull("transactionId")).isTrue();
        assertThat(tenant.auditRows(orderNo)).isZero();
        assertThat(Db.count(
                        "SELECT count(*) FROM payment_record WHERE tenant_id = ? AND out_trade_no = ?",
                        tenant.id,
                        orderNo))
                .isZero();
    }

    private static String transactionIdOf(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject().getString("transaction_id");
        }
    }

    @Test
    void aVerifiedPaymentMovesTheOrderFromPendingToPaid() {
        var tenant = WechatTenant.create(base);
        String orderNo = tenant.order(100);
        String transaction = tenant.paid(orderNo, 100);
        SignedRequest request = tenant.wechat.payment(transaction).build();

        var answer = tenant.deliver(request);

        assertThat(answer.status()).as(answer.body()).isEqualTo(204);
        assertThat(answer.body()).isEmpty();
        JsonObject order = tenant.readOrder(orderNo);
        assertThat(order.getInt("payState")).isEqualTo(2);
        assertThat(order.getString("orderStatus")).isEqualTo("PAID");
        assertThat(order.getString("orderStatusLabel")).isEqualTo("已支付");
        assertThat(order.getString("transactionId")).isEqualTo(transactionIdOf(transaction));
        assertThat(OffsetDateTime.parse(order.getString("paidAt")).toInstant())
                .isEqualTo(OffsetDateTime.parse("2018-06-08T10:34:56+08:00").toInstant());

        var payment =
                Db.one("SELECT * FROM payment_record WHERE tenant_id = ? AND out_trade_no = ?", tenant.id, orderNo);
        assertThat(payment.get("transaction_id")).isEqualTo(transactionIdOf(transaction));
        assertThat(payment.get("trade_type")).isEqualTo("JSAPI");
        assertThat(payment.get("bank_type")).isEqualTo("CMC");
        assertThat(payment.get("payer_openid")).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        assertThat(payment.get("payer_total")).isEqualTo(100L);
        assertThat(payment.get("notification_id")).isEqualTo(idOf(request));

        var log = tenant.logOf(idOf(request));
        assertThat(log).hasSize(1);
        assertThat(log.get(0))
                .containsEntry("outcome", "APPLIED")
                .containsEntry("http_status", 204)
                .containsEntry("verified", true)
                .containsEntry("settled", true)
                .containsEntry("event_type", "TRANSACTION.SUCCESS")
                .containsEntry("out_trade_no", orderNo)
                .containsEntry("serial", tenant.wechat.key().serial());
        var audit = Db.one("SELECT * FROM audit_record WHERE tenant_id = ? AND order_no = ?", tenant.id, orderNo);
        assertThat(audit)
                .containsEntry("from_pay_state", 0)
                .containsEntry("to_pay_state", 2)
                .containsEntry("notification_id", idOf(request))
                .containsEntry("outcome", "APPLIED");
    }

    @Test
    void duplicatesInSequenceApplyOnce() {
        var tenant = WechatTenant.create(base);
        String orderNo = tenant.order(100);
        SignedRequest request = tenant.wechat.payment(tenant.paid(orderNo, 100)).build();

        for (int i = 0; i < 3; i++) {
            assertThat(tenant.deliver(request).status()).isEqualTo(204);
        }

        assertThat(tenant.logOf(idOf(request)))
                .extracting(row -> row.get("outcome"))
                .containsExactly("APPLIED", "DUPLICATE", "DUPLICATE");
        assertThat(tenant.auditRows(orderNo)).isEqualTo(1);
        assertThat(tenant.readOrder(orderNo).getInt("payState")).isEqualTo(2);
    }

    @Test
    void twentyConcurrentCopiesApplyExactlyOnce() throws Exception {
        var tenant = WechatTenant.create(base);
        String orderNo = tenant.order(100);
        SignedRequest request = tenant.wechat.payment(tenant.paid(orderNo, 100)).build();
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<ApiClient.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit((Callable<ApiClient.Answer>) () -> {
                    start.await();
                    return tenant.deliver(request);
                }));
            }
            start.countDown();
            for (var answer : answers) {
                assertThat(answer.get().status()).isEqualTo(204);
            }
        } finally {
            pool.shutdownNow();
        }
        var log = tenant.logOf(idOf(request));
        assertThat(log).hasSize(20);
        assertThat(log).filteredOn(row -> "APPLIED".equals(row.get("outcome"))).hasSize(1);
        assertThat(log)
                .filteredOn(row -> "DUPLICATE".equals(row.get("outcome")))
                .hasSize(19);
        assertThat(log)
                .filteredOn(row -> Boolean.TRUE.equals(row.get("settled")))
                .hasSize(1);
        assertThat(tenant.auditRows(orderNo)).isEqualTo(1);
        assertThat(Db.count(
                        "SELECT count(*) FROM payment_record WHERE tenant_id = ? AND out_trade_no = ?",
                        tenant.id,
                        orderNo))
                .isEqualTo(1);
    }

    @Test
    void aForgedCopyFirstDoesNotBlockTheGenuineOne() {
        var tenant = WechatTenant.create(base);
        String orderNo = tenant.order(100);
        SignedRequest genuine = tenant.wechat.payment(tenant.paid(orderNo, 100)).build();
        SignedRequest forged = genuine.withHeader(
                "Wechatpay-Signature", java.util.Base64.getEncoder().encodeToString(new byte[256]));

        assertFail(tenant.deliver(forged), 401);
        assertUnpaid(tenant, orderNo);
        assertThat(tenant.deliver(genuine).status()).isEqualTo(204);

        assertThat(tenant.logOf(idOf(genuine)))
                .extracting(row -> row.get("outcome"))
                .containsExactly("BAD_SIGNATURE", "APPLIED");
        assertThat(tenant.readOrder(orderNo).getInt("payState")).isEqualTo(2);
    }

    @Test
    void everyRejectionAnswersFailWithItsStatusLogsAndChangesNothing() {
        var tenant = WechatTenant.create(base);
        var other = WechatTenant.create(base);
        String orderNo = tenant.order(100);
        var wechat = tenant.wechat;
        String transaction = tenant.paid(orderNo, 100);
        var now = Instant.now();
        Map<String, Object[]> cases = new java.util.LinkedHashMap<>();
        cases.put("BAD_SIGNATURE", new Object[] {
            wechat.payment(transaction).tamper(Tamper.SIGNATURE).build(), 401
        });
        cases.put(
                "SIGNTEST_PROBE",
                new Object[] {wechat.payment(transaction).signtest().build(), 401});
        cases.put("TIMESTAMP_OUT_OF_WINDOW", new Object[] {
            wechat.payment(transaction).timestamp(now.minusSeconds(301)).build(), 401
        });
        cases.put("UNKNOWN_SERIAL", new Object[] {
            wechat.payment(transaction)
                    .serial("PUB_KEY_ID_0000000000000000000000000000")
                    .build(),
            401
        });
        cases.put("DECRYPTION_FAILED", new Object[] {
            wechat.payment(transaction).tamper(Tamper.CIPHERTEXT).build(), 401
        });
        cases.put(
                "MISSING_HEADER",
                new Object[] {wechat.payment(transaction).build().withoutHeader("Wechatpay-Nonce"), 400});
        cases.put(
                "MALFORMED_HEADER",
                new Object[] {wechat.payment(transaction).build().withHeader("Wechatpay-Timestamp", "1", "2"), 400});
        cases.put("UNSUPPORTED_SIGNATURE_TYPE", new Object[] {
            wechat.payment(transaction).signatureType("WECHATPAY2-SM2-WITH-SM3").build(), 401
        });
        cases.put("MALFORMED_BODY", new Object[] {wechat.rawRequest("not json".getBytes(), now, wechat.key()), 400});
        cases.put("BODY_TOO_LARGE", new Object[] {wechat.rawRequest(new byte[64 * 1024 + 1], now, wechat.key()), 413});
        cases.put("MISMATCH", new Object[] {
            wechat.payment(WechatPayTestSigner.transactionJson(tenant.appId, "1999999999", orderNo, 100))
                    .build(),
            422
        });
        cases.put(
                "MISMATCH ",
                new Object[] {wechat.payment(tenant.paid(orderNo, 99)).build(), 422});
        cases.put(
                "ORDER_NOT_FOUND",
                new Object[] {wechat.payment(tenant.paid("ORD-NOT-THERE", 100)).build(), 404});
        cases.put(
                "UNKNOWN_SERIAL ",
                new Object[] {other.wechat.payment(transaction).build(), 401});
        cases.forEach((outcome, c) -> {
            SignedRequest request = (SignedRequest) c[0];
            var answer = tenant.deliver(request);
            assertFail(answer, (Integer) c[1]);
            var rows = Db.rows("SELECT * FROM callback_log WHERE tenant_id = ? ORDER BY id DESC LIMIT 1", tenant.id);
            assertThat(rows.get(0).get("outcome")).as(outcome).isEqualTo(outcome.trim());
            assertThat(rows.get(0).get("http_status")).isEqualTo(c[1]);
            assertThat(rows.get(0).get("settled")).isEqualTo(false);
        });
        assertUnpaid(tenant, orderNo);

        var genuine = wechat.payment(transaction).build();
        assertFail(tenant.deliverTo("abc", genuine), 404);
        assertFail(tenant.deliverTo("99999999999999999999999", genuine), 404);
        assertFail(tenant.deliverTo(other.id + 1_000_000, genuine), 404);
        assertThat(tenant.deliver(genuine).status()).isEqualTo(204);
    }

    @Test
    void aNotificationForAnOrderCreatedLaterIsAppliedWhenWechatRetries() {
        var tenant = WechatTenant.create(base);
        String orderNo = "ORD-LATER-" + tenant.id;
        SignedRequest request = tenant.wechat.payment(tenant.paid(orderNo, 250)).build();
        assertFail(tenant.deliver(request), 404);
        tenant.admin()
                .post(
                        "api/v1/tenants/" + tenant.id + "/orders",
                        "{\"orderNo\":\"" + orderNo + "\",\"amountTotal\":250}");
        assertThat(tenant.deliver(request).status()).isEqualTo(204);
        assertThat(tenant.logOf(idOf(request)))
                .extracting(row -> row.get("outcome"))
                .containsExactly("ORDER_NOT_FOUND", "APPLIED");
    }

    @Test
    void everyTradeStateMovesTheOrderAsTheStateMachineSays() {
        var tenant = WechatTenant.create(base);
        record Case(String tradeState, int before, int after, String outcome) {}
        var cases = List.of(
                new Case("PAYERROR", 0, 4, "APPLIED"),
                new Case("CLOSED", 0, 5, "APPLIED"),
                new Case("REVOKED", 4, 5, "APPLIED"),
                new Case("NOTPAY", 0, 0, "IGNORED"),
                new Case("USERPAYING", 0, 0, "IGNORED"),
                new Case("PAYERROR", 2, 2, "STALE"),
                new Case("CLOSED", 5, 5, "DUPLICATE"),
                new Case("SUCCESS", 4, 2, "APPLIED"),
                new Case("SUCCESS", 5, 2, "APPLIED_FLAGGED"));
        for (Case c : cases) {
            String orderNo = tenant.order(100);
            bring(tenant, orderNo, c.before());
            String json = tenant.paid(orderNo, 100)
                    .replace("\"trade_state\":\"SUCCESS\"", "\"trade_state\":\"" + c.tradeState() + "\"");
            var builder = tenant.wechat.payment(json);
            if (!c.tradeState().equals("SUCCESS")) {
                builder.eventType("TRANSACTION." + c.tradeState());
            }
            SignedRequest request = builder.build();
            assertThat(tenant.deliver(request).status()).as(c.toString()).isEqualTo(204);
            assertThat(tenant.readOrder(orderNo).getInt("payState"))
                    .as(c.toString())
                    .isEqualTo(c.after());
            assertThat(tenant.logOf(idOf(request)).get(0).get("outcome"))
                    .as(c.toString())
                    .isEqualTo(c.outcome());
        }
    }

    /** Brings an order to a pay state through real notifications. */
    private static void bring(WechatTenant tenant, String orderNo, int state) {
        String json = tenant.paid(orderNo, 100);
        switch (state) {
            case 0 -> {}
            case 2 -> tenant.deliver(tenant.wechat.payment(json).build());
            case 4 -> tenant.deliver(tenant.wechat
                    .payment(json.replace("\"SUCCESS\"", "\"PAYERROR\""))
                    .eventType("TRANSACTION.PAYERROR")
                    .build());
            case 5 -> tenant.deliver(tenant.wechat
                    .payment(json.replace("\"SUCCESS\"", "\"CLOSED\""))
                    .eventType("TRANSACTION.CLOSED")
                    .build());
            default -> throw new IllegalArgumentException("state " + state);
        }
        assertThat(tenant.readOrder(orderNo).getInt("payState")).isEqualTo(state);
    }

    @Test
    void aSecondDifferentPaymentKeepsTheFirstAndIsFlagged() {
        var tenant = WechatTenant.create(base);
        String orderNo = tenant.order(100);
        String first = tenant.paid(orderNo, 100);
        assertThat(tenant.deliver(tenant.wechat.payment(first).build()).status())
                .isEqualTo(204);
        String secondPayment = tenant.paid(orderNo, 100);
        SignedRequest second = tenant.wechat.payment(secondPayment).build();
        assertThat(tenant.deliver(second).status()).isEqualTo(204);
        assertThat(tenant.readOrder(orderNo).getString("transactionId")).isEqualTo(transactionIdOf(first));
        assertThat(tenant.logOf(idOf(second)).get(0).get("outcome")).isEqualTo("CONFLICT_FLAGGED");
        // the second payment is real money: it stays on record in the audit trail, not only in the log
        assertThat(Db.rows(
                        "SELECT outcome, from_pay_state, to_pay_state, transaction_id FROM audit_record"
                                + " WHERE tenant_id = ? AND order_no = ? ORDER BY id",
                        tenant.id,
                        orderNo))
                .containsExactly(
                        Map.of(
                                "outcome",
                                "APPLIED",
                                "from_pay_state",
                                0,
                                "to_pay_state",
                                2,
                                "transaction_id",
                                transactionIdOf(first)),
                        Map.of(
                                "outcome",
                                "CONFLICT_FLAGGED",
                                "from_pay_state",
                                2,
                                "to_pay_state",
                                2,
                                "transaction_id",
                                transactionIdOf(secondPayment)));
    }

    @Test
    void partialRefundsThenTheRestRefundTheOrder() {
        var tenant = WechatTenant.create(base);
        String orderNo = tenant.order(1000);
        String paid = tenant.paid(orderNo, 1000);
        tenant.deliver(tenant.wechat.payment(paid).build());
        String txId = transactionIdOf(paid);

        SignedRequest first = tenant.wechat
                .refund(refund(tenant, orderNo, "RF-1", 1000, 300, txId))
                .build();
        assertThat(tenant.deliver(first).status()).isEqualTo(204);
        JsonObject partly = tenant.readOrder(orderNo);
        assertThat(partly.getInt("payState")).isEqualTo(2);
        assertThat(partly.getJsonNumber("refundedAmount").longValueExact()).isEqualTo(300);
        assertThat(tenant.deliver(first).status()).isEqualTo(204); // a retry counts once

        SignedRequest rest = tenant.wechat
                .refund(refund(tenant, orderNo, "RF-2", 1000, 700, txId))
                .build();
        assertThat(tenant.deliver(rest).status()).isEqualTo(204);
        JsonObject refunded = tenant.readOrder(orderNo);
        assertThat(refunded.getInt("payState")).isEqualTo(3);
        assertThat(refunded.getString("orderStatus")).isEqualTo("REFUNDED");
        assertThat(refunded.getString("orderStatusLabel")).isEqualTo("已退款");
        assertThat(refunded.getJsonNumber("refundedAmount").longValueExact()).isEqualTo(1000);
        assertThat(Db.rows(
                        "SELECT out_refund_no, amount_refund, applied FROM refund_record WHERE tenant_id = ? ORDER BY out_refund_no",
                        tenant.id))
                .containsExactly(
                        Map.of("out_refund_no", "RF-1", "amount_refund", 300L, "applied", true),
                        Map.of("out_refund_no", "RF-2", "amount_refund", 700L, "applied", true));
        assertThat(tenant.logOf(idOf(first)))
                .extracting(row -> row.get("outcome"))
                .containsExactly("APPLIED", "DUPLICATE");
        assertThat(tenant.auditRows(orderNo)).isEqualTo(3);

        SignedRequest afterRefund = tenant.wechat.payment(paid).build();
        assertThat(tenant.deliver(afterRefund).status()).isEqualTo(204);
        assertThat(tenant.logOf(idOf(afterRefund)).get(0).get("outcome")).isEqualTo("STALE");
        SignedRequest tooMuch = tenant.wechat
                .refund(refund(tenant, orderNo, "RF-3", 1000, 1, txId))
                .build();
        assertFail(tenant.deliver(tooMuch), 422);
        assertThat(tenant.readOrder(orderNo).getJsonNumber("refundedAmount").longValueExact())
                .isEqualTo(1000);
    }

    @Test
    void aRefundBeforeItsPaymentIsRecordedAndAppliedOnRetry() {
        var tenant = WechatTenant.create(base);
        String orderNo = tenant.order(500);
        String paid = tenant.paid(orderNo, 500);
        SignedRequest early = tenant.wechat
                .refund(refund(tenant, orderNo, "RF-EARLY", 500, 500, transactionIdOf(paid)))
                .build();

        assertFail(tenant.deliver(early), 409);
        assertThat(Db.one("SELECT applied, refund_status FROM refund_record WHERE tenant_id = ?", tenant.id))
                .containsEntry("applied", false)
                .containsEntry("refund_status", "SUCCESS");
        assertThat(tenant.readOrder(orderNo).getInt("payState")).isZero();

        assertThat(tenant.deliver(tenant.wechat.payment(paid).build()).status()).isEqualTo(204);
        assertThat(tenant.deliver(early).status()).isEqualTo(204);
        assertThat(tenant.readOrder(orderNo).getInt("payState")).isEqualTo(3);
        assertThat(tenant.logOf(idOf(early)))
                .extracting(row -> row.get("outcome"))
                .containsExactly("NOT_PAID_YET", "APPLIED");
    }

    @Test
    void anAbnormalRefundIsRecordedAndChangesNothing() {
        var tenant = WechatTenant.create(base);
        String orderNo = tenant.order(500);
        String paid = tenant.paid(orderNo, 500);
        tenant.deliver(tenant.wechat.payment(paid).build());
        String json = refund(tenant, orderNo, "RF-AB", 500, 200, transactionIdOf(paid))
                .replace("\"SUCCESS\"", "\"ABNORMAL\"");
        SignedRequest abnormal =
                tenant.wechat.refund(json).eventType("REFUND.ABNORMAL").build();
        assertThat(tenant.deliver(abnormal).status()).isEqualTo(204);
        assertThat(tenant.logOf(idOf(abnormal)).get(0).get("outcome")).isEqualTo("RECORDED");
        assertThat(Db.one("SELECT refund_status, applied FROM refund_record WHERE tenant_id = ?", tenant.id))
                .containsEntry("refund_status", "ABNORMAL")
                .containsEntry("applied", false);
        JsonObject order = tenant.readOrder(orderNo);
        assertThat(order.getInt("payState")).isEqualTo(2);
        assertThat(order.getJsonNumber("refundedAmount").longValueExact()).isZero();
    }

    /** A refund JSON whose transaction id is the payment's. */
    private static String refund(
            WechatTenant tenant, String orderNo, String outRefundNo, long total, long amount, String txId) {
        String json = tenant.refunded(orderNo, outRefundNo, "SUCCESS", total, amount);
        return json.replaceFirst("\"transaction_id\":\"[0-9]+\"", "\"transaction_id\":\"" + txId + "\"");
    }

    @Test
    void aRowLockedByAStuckTransactionGivesAQuick5xxAndTheRetrySucceeds() throws Exception {
        var tenant = WechatTenant.create(base);
        String orderNo = tenant.order(100);
        SignedRequest request = tenant.wechat.payment(tenant.paid(orderNo, 100)).build();
        try (Connection stuck = TestEnvironment.jdbc()) {
            stuck.setAutoCommit(false);
            try (var lock =
                    stuck.prepareStatement("SELECT * FROM orders WHERE tenant_id = ? AND order_no = ? FOR UPDATE")) {
                lock.setLong(1, tenant.id);
                lock.setString(2, orderNo);
                lock.executeQuery().close();
            }
            Instant sent = Instant.now();
            var answer = tenant.deliver(request);
            assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(5));
            assertFail(answer, 500);
            stuck.rollback();
        }
        assertUnpaid(tenant, orderNo);
        assertThat(tenant.deliver(request).status()).isEqualTo(204);
        assertThat(tenant.logOf(idOf(request)))
                .extracting(row -> row.get("outcome"))
                .containsExactly("ERROR", "APPLIED");
    }

    @Test
    void theAdminSeesTheCallbackLogNewestFirst() {
        var tenant = WechatTenant.create(base);
        String orderNo = tenant.order(100);
        SignedRequest request = tenant.wechat.payment(tenant.paid(orderNo, 100)).build();
        tenant.deliver(request.withHeader(
                "Wechatpay-Signature", java.util.Base64.getEncoder().encodeToString(new byte[256])));
        tenant.deliver(request);
        tenant.deliver(request);
        String path = "api/v1/admin/tenants/" + tenant.id + "/payment-notifications";

        var all = tenant.admin().get(path).jsonStructure().asJsonArray();
        assertThat(all).hasSize(3);
        assertThat(all.getJsonObject(0).getString("outcome")).isEqualTo("DUPLICATE");
        assertThat(all.getJsonObject(1).getString("outcome")).isEqualTo("APPLIED");
        assertThat(all.getJsonObject(1).getString("outTradeNo")).isEqualTo(orderNo);
        assertThat(all.getJsonObject(2).getString("outcome")).isEqualTo("BAD_SIGNATURE");
        assertThat(all.getJsonObject(2).getBoolean("verified")).isFalse();
        assertThat(all.getJsonObject(2).isNull("outTradeNo")).isTrue();

        var applied = tenant.admin()
                .get(path + "?outcome=APPLIED&limit=5")
                .jsonStructure()
                .asJsonArray();
        assertThat(applied).hasSize(1);
        assertThat(tenant.admin().get(path + "?limit=1").jsonStructure().asJsonArray())
                .hasSize(1);
        assertThat(tenant.admin().get(path + "?limit=0").status()).isEqualTo(400);
        assertThat(tenant.admin().get(path + "?outcome=NOPE").json().getString("field"))
                .isEqualTo("outcome");
        assertThat(ApiClient.anonymous(base).get(path).status()).isEqualTo(401);
    }

    @Test
    void metricsCountCallbacksByOutcome() {
        var tenant = WechatTenant.create(base);
        String orderNo = tenant.order(100);
        SignedRequest request = tenant.wechat.payment(tenant.paid(orderNo, 100)).build();
        tenant.deliver(request);
        tenant.deliver(request.withHeader(
                "Wechatpay-Signature", java.util.Base64.getEncoder().encodeToString(new byte[256])));

        var metrics = ApiClient.anonymous(base).get("metrics?scope=application");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .containsPattern("payment_callbacks_total\\{[^}]*outcome=\"APPLIED\"[^}]*\\} [1-9]")
                .containsPattern("payment_callbacks_total\\{[^}]*outcome=\"BAD_SIGNATURE\"[^}]*\\} [1-9]")
                .contains("payment_callback_time");
    }

    @Test
    void duringMigrationBothTheCertificateAndThePublicKeySignValidNotifications() {
        var certificate = WechatPayTestSigner.newCertificate(
                Instant.now().minusSeconds(86_400), Instant.now().plusSeconds(86_400 * 365));
        var publicKey = WechatPayTestSigner.newPublicKey();
        var tenant = WechatTenant.create(
                base, new WechatPayTestSigner(WechatPayTestSigner.randomApiV3Key(), certificate, publicKey));
        var keys = tenant.admin()
                .get("api/v1/admin/tenants/" + tenant.id + "/wechatpay")
                .json()
                .getJsonArray("platformKeys");
        assertThat(keys)
                .extracting(k -> k.asJsonObject().getString("type"))
                .containsExactlyInAnyOrder("CERTIFICATE", "PUBLIC_KEY");

        String byCertificate = tenant.order(100);
        String byPublicKey = tenant.order(100);
        assertThat(tenant.deliver(tenant.wechat
                                .payment(tenant.paid(byCertificate, 100))
                                .signedWith(certificate)
                                .build())
                        .status())
                .isEqualTo(204);
        assertThat(tenant.deliver(tenant.wechat
                                .payment(tenant.paid(byPublicKey, 100))
                                .signedWith(publicKey)
                                .build())
                        .status())
                .isEqualTo(204);
        assertThat(tenant.readOrder(byCertificate).getInt("payState")).isEqualTo(2);
        assertThat(tenant.readOrder(byPublicKey).getInt("payState")).isEqualTo(2);

        var expired = WechatPayTestSigner.newCertificate(
                Instant.now().minusSeconds(86_400 * 10), Instant.now().minusSeconds(86_400));
        var old = WechatTenant.create(base, new WechatPayTestSigner(WechatPayTestSigner.randomApiV3Key(), expired));
        String orderNo = old.order(100);
        assertFail(old.deliver(old.wechat.payment(old.paid(orderNo, 100)).build()), 401);
        assertThat(old.readOrder(orderNo).getInt("payState")).isZero();
    }
}
