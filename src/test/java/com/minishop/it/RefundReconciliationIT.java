package com.minishop.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.minishop.tools.WechatPaySandbox;
import com.minishop.tools.WechatPaySandbox.Fault;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Refunds started here (issue 11), against the WeChat Pay sandbox over real HTTP: the happy path to 已退款,
 * a repeated request, over-refunds and bad input (nothing recorded, nothing asked), a crash between recording
 * and asking WeChat (found by the sweep's query), an answer that never came, a lost refund notification, and
 * a notification racing the query (counted once). The deployment's check schedule is long, so the sweep
 * works only on refunds a test makes due.
 *
 * <p>The daily reconciliation (issue 11) against the sandbox's trade bills: a day with a lost payment
 * notification (applied), a lost refund notification (applied), an amount changed on our side, our payment
 * missing at WeChat, a re-run (the same report, nothing applied twice); an empty day, a creating day, a
 * corrupted hash (nothing applied); the daily run of yesterday; bad input.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RefundReconciliationIT {

    private static final WechatPaySandbox SANDBOX = WechatPaySandbox.start();
    private static final AtomicLong NEXT =
            new AtomicLong(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 3_000_000_000L);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application(Map.of(
                "PAYMENT_WECHATPAY_API_URL", SANDBOX.baseUrl(),
                "PAYMENT_PUBLIC_URL", "https://pay.shop.example",
                "PAYMENT_QUERY_SCHEDULE", "3600",
                "PAYMENT_SWEEP_RETRY_SECONDS", "1",
                // the daily run takes yesterday at once, looking every 2 s
                "PAYMENT_BILL_ENABLED", "true",
                "PAYMENT_BILL_TIME", "00:00",
                "PAYMENT_BILL_POLL_SECONDS", "2"));
    }

    @ArquillianResource
    URL base;

    private ApiClient api;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @BeforeEach
    void setUp() {
        api = ApiClient.admin(base);
        SANDBOX.redirectNotifications(ApiClient.loopback(base.toString()));
        SANDBOX.retrySpeedup(60);
    }

    @AfterEach
    void reset() {
        SANDBOX.newRefundStatus("PROCESSING");
    }

    private record Tenant(long id, WechatPaySandbox.NewMerchant merchant) {
        String mchId() {
            return merchant.merchant().mchId();
        }
    }

    private Tenant tenant() {
        long id = NEXT.getAndIncrement();
        var merchant =
                SANDBOX.newMerchant("wx" + String.format("%016x", id), "19" + String.format("%08d", id % 100_000_000));
        var answer = api.put("api/v1/admin/tenants/" + id + "/wechatpay", merchant.accountJson());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return new Tenant(id, merchant);
    }

    /** An order of {@code amount} fen, prepaid, paid at WeChat and synced: paid here (payState 2). */
    private String paidOrder(Tenant tenant, long amount) {
        String orderNo = "F" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        var created = api.post(
                "api/v1/tenants/" + tenant.id() + "/orders",
                "{\"orderNo\":\"" + orderNo + "\",\"amountTotal\":" + amount + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var prepaid = api.post(
                "api/v1/tenants/" + tenant.id() + "/orders/" + orderNo + "/wechat-prepay", "{\"openid\":\"o1\"}");
        assertThat(prepaid.status()).as(prepaid.body()).isEqualTo(200);
        SANDBOX.pay(tenant.mchId(), orderNo, false);
        var synced = api.post("api/v1/tenants/" + tenant.id() + "/orders/" + orderNo + "/sync", "");
        assertThat(synced.json().getJsonObject("order").getInt("payState")).isEqualTo(2);
        return orderNo;
    }

    private ApiClient.Answer refund(Tenant tenant, String orderNo, String body) {
        return api.post("api/v1/tenants/" + tenant.id() + "/orders/" + orderNo + "/refunds", body);
    }

    private JsonArray refunds(Tenant tenant, String orderNo) {
        var answer = api.get("api/v1/tenants/" + tenant.id() + "/orders/" + orderNo + "/refunds");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.jsonStructure().asJsonArray();
    }

    private JsonObject order(Tenant tenant, String orderNo) {
        return api.get("api/v1/tenants/" + tenant.id() + "/orders/" + orderNo).json();
    }

    private static void makeDue(Tenant tenant, String outRefundNo) {
        Db.execute(
                "UPDATE refund_record SET check_due_at = now() WHERE tenant_id = ? AND out_refund_no = ?",
                tenant.id(),
                outRefundNo);
    }

    private static String status(Tenant tenant, String outRefundNo) {
        return (String) Db.one(
                        "SELECT refund_status FROM refund_record WHERE tenant_id = ? AND out_refund_no = ?",
                        tenant.id(),
                        outRefundNo)
                .get("refund_status");
    }

    private static long refundAudits(Tenant tenant, String orderNo) {
        return Db.count(
                "SELECT count(*) FROM audit_record WHERE tenant_id = ? AND order_no = ? AND action LIKE '%REFUND%'"
                        + " AND outcome = 'APPLIED'",
                tenant.id(), orderNo);
    }

    private static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for: " + what).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    void aPartialThenTheLastRefundMakeTheOrderRefunded() throws Exception {
        Tenant tenant = tenant();
        String orderNo = paidOrder(tenant, 1_000);
        var first = refund(tenant, orderNo, "{\"outRefundNo\":\"RF-1@a\",\"amount\":300,\"reason\":\"少了一杯\"}");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        JsonObject refund = first.json();
        assertThat(refund.getString("outRefundNo")).isEqualTo("RF-1@a");
        assertThat(refund.getString("status")).isEqualTo("PROCESSING");
        assertThat(refund.getJsonNumber("amount").longValueExact()).isEqualTo(300);
        assertThat(refund.getString("reason")).isEqualTo("少了一杯");
        assertThat(refund.getString("refundId")).startsWith("50300");
        assertThat(refund.isNull("succeededAt")).isTrue();
        assertThat(SANDBOX.refundStatus(tenant.mchId(), "RF-1@a")).isEqualTo("PROCESSING");
        assertThat(order(tenant, orderNo).getJsonNumber("refundedAmount").longValueExact())
                .as("refundedAmount counts successful refunds only")
                .isZero();

        SANDBOX.settleRefund(tenant.mchId(), "RF-1@a", "SUCCESS", true);
        await(
                "the REFUND.SUCCESS notification counted",
                Duration.ofSeconds(20),
                () -> order(tenant, orderNo).getJsonNumber("refundedAmount").longValueExact() == 300);
        assertThat(order(tenant, orderNo).getInt("payState"))
                .as("a partial refund keeps it paid")
                .isEqualTo(2);
        assertThat(refunds(tenant, orderNo).getJsonObject(0).getString("status"))
                .isEqualTo("SUCCESS");
        assertThat(refunds(tenant, orderNo).getJsonObject(0).isNull("succeededAt"))
                .isFalse();

        var generated = refund(tenant, orderNo, "{\"amount\":700}");
        assertThat(generated.status()).as(generated.body()).isEqualTo(201);
        String second = generated.json().getString("outRefundNo");
        assertThat(second).matches("[0-9A-Za-z_\\-|*@]{1,64}");
        SANDBOX.settleRefund(tenant.mchId(), second, "SUCCESS", true);
        await("refunded", Duration.ofSeconds(20), () -> order(tenant, orderNo).getInt("payState") == 3);
        assertThat(order(tenant, orderNo).getJsonNumber("refundedAmount").longValueExact())
                .isEqualTo(1_000);
        JsonArray listed = refunds(tenant, orderNo);
        assertThat(listed).hasSize(2);
        assertThat(listed.getJsonObject(0).getString("outRefundNo"))
                .as("newest first")
                .isEqualTo(second);
        assertThat(refundAudits(tenant, orderNo)).isEqualTo(2);
    }

    @Test
    void theSameRefundAskedAgainStartsNothingNewAndOverRefundsAndBadInputChangeNothing() {
        Tenant tenant = tenant();
        String orderNo = paidOrder(tenant, 500);
        var first = refund(tenant, orderNo, "{\"outRefundNo\":\"DUP-1\",\"amount\":200}");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        int started = SANDBOX.refundsStarted();
        int requests = SANDBOX.refundRequests();

        var again = refund(tenant, orderNo, "{\"outRefundNo\":\"DUP-1\",\"amount\":200}");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().getString("refundId")).isEqualTo(first.json().getString("refundId"));
        assertThat(again.json().getString("createdAt")).isEqualTo(first.json().getString("createdAt"));
        var otherAmount = refund(tenant, orderNo, "{\"outRefundNo\":\"DUP-1\",\"amount\":201}");
        assertThat(otherAmount.status()).as(otherAmount.body()).isEqualTo(409);
        assertThat(otherAmount.json().getString("field")).isEqualTo("outRefundNo");

        var tooMuch = refund(tenant, orderNo, "{\"outRefundNo\":\"DUP-2\",\"amount\":301}");
        assertThat(tooMuch.status()).as(tooMuch.body()).isEqualTo(422);
        assertThat(tooMuch.json().getString("code")).isEqualTo("REFUND_EXCEEDS_PAID");
        assertThat(refund(tenant, orderNo, "{\"outRefundNo\":\"DUP-3\",\"amount\":300}")
                        .status())
                .isEqualTo(201);
        assertThat(refund(tenant, orderNo, "{\"amount\":1}").status()).isEqualTo(422);

        String unpaid = "U" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        api.post("api/v1/tenants/" + tenant.id() + "/orders", "{\"orderNo\":\"" + unpaid + "\",\"amountTotal\":100}");
        var notPaid = refund(tenant, unpaid, "{\"amount\":100}");
        assertThat(notPaid.status()).as(notPaid.body()).isEqualTo(409);
        assertThat(notPaid.json().getString("code")).isEqualTo("ORDER_NOT_PAID");
        assertThat(refund(tenant, "NOSUCHORDER1", "{\"amount\":1}").status()).isEqualTo(404);

        for (var bad : Map.of(
                        "{\"amount\":1.5}",
                        "amount",
                        "{\"amount\":0}",
                        "amount",
                        "{\"amount\":\"100\"}",
                        "amount",
                        "{\"outRefundNo\":\"has space\",\"amount\":1}",
                        "outRefundNo",
                        "{\"outRefundNo\":\"" + "x".repeat(65) + "\",\"amount\":1}",
                        "outRefundNo",
                        "{\"amount\":1,\"reason\":\"" + "退".repeat(81) + "\"}",
                        "reason",
                        "{\"amount\":1,\"amuont\":2}",
                        "amuont",
                        "[1]",
                        "body")
                .entrySet()) {
            var refused = refund(tenant, unpaid, bad.getKey());
            assertThat(refused.status()).as(bad.getKey()).isEqualTo(400);
            assertThat(refused.json().getString("field")).as(bad.getKey()).isEqualTo(bad.getValue());
        }
        assertThat(SANDBOX.refundsStarted()).isEqualTo(started + 1);
        assertThat(SANDBOX.refundRequests()).isEqualTo(requests + 1);
        assertThat(Db.count("SELECT count(*) FROM refund_record WHERE tenant_id = ?", tenant.id()))
                .isEqualTo(2);
    }

    @Test
    void aCrashBetweenRecordingAndAskingIsFoundByTheQueryAndALostNotificationToo() throws Exception {
        Tenant tenant = tenant();
        String orderNo = paidOrder(tenant, 800);
        var orderRow = Db.one(
                "SELECT id, transaction_id FROM orders WHERE tenant_id = ? AND order_no = ?", tenant.id(), orderNo);
        // what the service had recorded when it crashed before calling WeChat Pay
        Db.execute(
                "INSERT INTO refund_record (id, tenant_id, order_id, out_trade_no, out_refund_no, transaction_id,"
                        + " refund_status, amount_total, amount_refund, applied, created_at, updated_at, version,"
                        + " started_here, check_step, check_due_at)"
                        + " VALUES (nextval('refund_record_id_seq'), ?, ?, ?, 'CRASH-1', ?, 'UNKNOWN', 800, 250,"
                        + " false, now(), now(), 1, true, 0, now())",
                tenant.id(),
                orderRow.get("id"),
                orderNo,
                orderRow.get("transaction_id"));
        await("the sweep asked WeChat for the refund", Duration.ofSeconds(20), () -> "PROCESSING"
                .equals(status(tenant, "CRASH-1")));
        assertThat(SANDBOX.refundStatus(tenant.mchId(), "CRASH-1")).isEqualTo("PROCESSING");

        SANDBOX.settleRefund(tenant.mchId(), "CRASH-1", "SUCCESS", false); // its notification is lost
        makeDue(tenant, "CRASH-1");
        await(
                "the query found the success",
                Duration.ofSeconds(20),
                () -> order(tenant, orderNo).getJsonNumber("refundedAmount").longValueExact() == 250);
        assertThat(status(tenant, "CRASH-1")).isEqualTo("SUCCESS");
        assertThat(Db.one(
                                "SELECT check_due_at FROM refund_record WHERE out_refund_no = 'CRASH-1' AND tenant_id = ?",
                                tenant.id())
                        .get("check_due_at"))
                .as("settled: not asked again")
                .isNull();
        assertThat(Db.count(
                        "SELECT count(*) FROM audit_record WHERE tenant_id = ? AND order_no = ? AND source = 'QUERY'"
                                + " AND amount = 250",
                        tenant.id(),
                        orderNo))
                .isEqualTo(1);
    }

    @Test
    void anAnswerThatNeverCameIsUnknownUntilTheQueryAndClosedIsRecordedForAPerson() throws Exception {
        Tenant tenant = tenant();
        String orderNo = paidOrder(tenant, 600);
        yesterdayDone(tenant); // the daily run's call must not take the fault below
        SANDBOX.fault(tenant.mchId(), Fault.SLOW, 1); // WeChat starts the refund, its answer comes too late
        var unknown = refund(tenant, orderNo, "{\"outRefundNo\":\"SLOW-1\",\"amount\":600}");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(201);
        assertThat(unknown.json().getString("status")).isEqualTo("UNKNOWN");
        assertThat(unknown.json().isNull("refundId")).isTrue();
        await(
                "WeChat started it anyway",
                Duration.ofSeconds(20),
                () -> SANDBOX.refundStatus(tenant.mchId(), "SLOW-1") != null);
        SANDBOX.settleRefund(tenant.mchId(), "SLOW-1", "CLOSED", false);
        makeDue(tenant, "SLOW-1");
        await("the query found it closed", Duration.ofSeconds(20), () -> "CLOSED".equals(status(tenant, "SLOW-1")));
        assertThat(order(tenant, orderNo).getJsonNumber("refundedAmount").longValueExact())
                .isZero();
        assertThat(order(tenant, orderNo).getInt("payState")).isEqualTo(2);
        var attention = api.get("api/v1/admin/attention");
        assertThat(attention.status()).as(attention.body()).isEqualTo(200);
        assertThat(attention.body()).contains("REFUND_CLOSED").contains(orderNo);
        // a closed refund no longer holds the money
        assertThat(refund(tenant, orderNo, "{\"outRefundNo\":\"SLOW-2\",\"amount\":600}")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aNotificationRacingTheQueryCountsOnce() throws Exception {
        Tenant tenant = tenant();
        String orderNo = paidOrder(tenant, 1_000);
        var wechat = ApiClient.anonymous(base);
        List<String> numbers = List.of("RACE-0", "RACE-1", "RACE-2");
        try {
            SANDBOX.queryDelayMillis(1_500); // the query's answer is on its way while the notification lands
            for (String no : numbers) {
                assertThat(refund(tenant, orderNo, "{\"outRefundNo\":\"" + no + "\",\"amount\":100}")
                                .status())
                        .isEqualTo(201);
                SANDBOX.settleRefund(tenant.mchId(), no, "SUCCESS", false);
                makeDue(tenant, no);
            }
            await("the sweep is asking", Duration.ofSeconds(20), () -> numbers.stream()
                    .allMatch(no -> SANDBOX.refundQueries(tenant.mchId(), no) > 0));
            for (String no : numbers) {
                var n = SANDBOX.refundNotification(tenant.mchId(), no);
                var answer = wechat.postRaw("api/v1/payments/wechat/notify/" + tenant.id(), n.headers(), n.body());
                assertThat(answer.status()).as(answer.body()).isEqualTo(204);
            }
            await(
                    "the queries answered",
                    Duration.ofSeconds(20),
                    () -> Db.count(
                                    "SELECT count(*) FROM wechatpay_call WHERE tenant_id = ? AND out_trade_no = ?"
                                            + " AND operation = 'REFUND_QUERY' AND outcome = 'OK'",
                                    tenant.id(),
                                    orderNo)
                            >= numbers.size());
        } finally {
            SANDBOX.queryDelayMillis(0);
        }
        // and the other way round: the query first, the notification after it
        assertThat(refund(tenant, orderNo, "{\"outRefundNo\":\"RACE-3\",\"amount\":100}")
                        .status())
                .isEqualTo(201);
        SANDBOX.settleRefund(tenant.mchId(), "RACE-3", "SUCCESS", false);
        makeDue(tenant, "RACE-3");
        await("the query applied it", Duration.ofSeconds(20), () -> "SUCCESS".equals(status(tenant, "RACE-3")));
        var late = SANDBOX.refundNotification(tenant.mchId(), "RACE-3");
        var answer = wechat.postRaw("api/v1/payments/wechat/notify/" + tenant.id(), late.headers(), late.body());
        assertThat(answer.status()).as(answer.body()).isEqualTo(204);

        assertThat(order(tenant, orderNo).getJsonNumber("refundedAmount").longValueExact())
                .isEqualTo(400);
        assertThat(refundAudits(tenant, orderNo)).isEqualTo(4);
        assertThat(Db.count(
                        "SELECT count(*) FROM refund_record WHERE tenant_id = ? AND applied AND check_due_at IS NULL",
                        tenant.id()))
                .isEqualTo(4);
        assertThat(Db.count(
                        "SELECT count(*) FROM callback_log WHERE tenant_id = ? AND out_trade_no = ?"
                                + " AND event_type = 'REFUND.SUCCESS' AND outcome = 'DUPLICATE'",
                        tenant.id(),
                        orderNo))
                .as("the notification after the query")
                .isGreaterThanOrEqualTo(1);
    }

    private static final java.time.LocalDate TODAY = java.time.LocalDate.now(java.time.ZoneOffset.ofHours(8));

    private ApiClient.Answer reconcile(Tenant tenant, java.time.LocalDate date) {
        return api.post("api/v1/admin/tenants/" + tenant.id() + "/reconciliations/" + date, "");
    }

    /**
     * Yesterday, run by the daily reconciliation as soon as the tenant exists, finished and out of the way
     * (its call to the sandbox must not take a fault a test arms next).
     */
    private void yesterdayDone(Tenant tenant) throws InterruptedException {
        await(
                "the daily run of yesterday",
                Duration.ofSeconds(60),
                () -> Db.count(
                                "SELECT count(*) FROM reconciliation WHERE tenant_id = ? AND bill_date = ?"
                                        + " AND running_until IS NULL AND finished_at IS NOT NULL",
                                tenant.id(),
                                TODAY.minusDays(1))
                        == 1);
    }

    /** Paid here by a verified notification that WeChat's ledger (and so its bill) knows nothing of. */
    private String paidHereOnly(Tenant tenant, long amount) {
        String orderNo = "H" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        api.post(
                "api/v1/tenants/" + tenant.id() + "/orders",
                "{\"orderNo\":\"" + orderNo + "\",\"amountTotal\":" + amount + "}");
        String json = com.minishop.payment.wechat.WechatPayTestSigner.transactionJson(
                        tenant.merchant().merchant().appId(), tenant.mchId(), orderNo, amount)
                .replace(
                        "2018-06-08T10:34:56+08:00",
                        java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8))
                                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                                .toString());
        var n = tenant.merchant().merchant().platform().payment(json).build();
        var answer = ApiClient.anonymous(base)
                .postRaw("api/v1/payments/wechat/notify/" + tenant.id(), n.headers(), n.body());
        assertThat(answer.status()).as(answer.body()).isEqualTo(204);
        return orderNo;
    }

    private static String kindsOf(JsonObject report) {
        return report.getJsonArray("discrepancies").stream()
                .map(d -> d.asJsonObject())
                .map(d -> d.getString("kind") + ":"
                        + (d.isNull("outRefundNo") ? d.getString("outTradeNo", "-") : d.getString("outRefundNo")) + ":"
                        + d.getString("resolution"))
                .sorted()
                .toList()
                .toString();
    }

    @Test
    void aDayWithLostNotificationsAndDifferencesIsReconciledAndARerunGivesTheSameReport() throws Exception {
        Tenant tenant = tenant();
        yesterdayDone(tenant);
        String matched = paidOrder(tenant, 1_000);
        // paid at WeChat, its notification lost, never synced
        String lost = "L" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        api.post("api/v1/tenants/" + tenant.id() + "/orders", "{\"orderNo\":\"" + lost + "\",\"amountTotal\":250}");
        api.post("api/v1/tenants/" + tenant.id() + "/orders/" + lost + "/wechat-prepay", "{\"openid\":\"o1\"}");
        String transactionId = SANDBOX.pay(tenant.mchId(), lost, false);
        String hereOnly = paidHereOnly(tenant, 300);
        String changed = paidOrder(tenant, 400);
        Db.execute(
                "UPDATE payment_record SET amount_total = 401 WHERE tenant_id = ? AND out_trade_no = ?",
                tenant.id(),
                changed);
        String refunded = paidOrder(tenant, 500);
        assertThat(refund(tenant, refunded, "{\"outRefundNo\":\"BILL-R1\",\"amount\":120}")
                        .status())
                .isEqualTo(201);
        SANDBOX.settleRefund(tenant.mchId(), "BILL-R1", "SUCCESS", false); // its notification lost

        var run = reconcile(tenant, TODAY);
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        JsonObject report = run.json();
        assertThat(report.getString("status")).isEqualTo("DISCREPANCIES");
        assertThat(report.getString("date")).isEqualTo(TODAY.toString());
        assertThat(kindsOf(report))
                .isEqualTo(java.util.List.of(
                                "AMOUNT_MISMATCH:" + changed + ":FLAGGED",
                                "MISSING_AT_WECHAT:" + hereOnly + ":FLAGGED",
                                "MISSING_HERE:" + lost + ":APPLIED",
                                "STATE_MISMATCH:BILL-R1:APPLIED")
                        .toString());
        JsonObject missing = report.getJsonArray("discrepancies").stream()
                .map(d -> d.asJsonObject())
                .filter(d -> d.getString("kind").equals("MISSING_HERE"))
                .findFirst()
                .orElseThrow();
        assertThat(missing.getString("transactionId")).isEqualTo(transactionId);
        assertThat(missing.getJsonNumber("wechatAmount").longValueExact()).isEqualTo(250);
        assertThat(missing.getInt("line")).isGreaterThan(1);
        JsonObject wechat = report.getJsonObject("wechat");
        assertThat(wechat.getJsonNumber("payments").longValueExact()).isEqualTo(4);
        assertThat(wechat.getJsonNumber("paymentAmount").longValueExact()).isEqualTo(1_000 + 250 + 400 + 500);
        assertThat(wechat.getJsonNumber("refunds").longValueExact()).isEqualTo(1);
        assertThat(wechat.getJsonNumber("refundAmount").longValueExact()).isEqualTo(120);
        JsonObject ours = report.getJsonObject("ours");
        assertThat(ours.getJsonNumber("payments").longValueExact()).isEqualTo(5);
        assertThat(ours.getJsonNumber("paymentAmount").longValueExact()).isEqualTo(1_000 + 250 + 300 + 401 + 500);
        assertThat(ours.getJsonNumber("refundAmount").longValueExact()).isEqualTo(120);

        var attention = api.get("api/v1/admin/attention");
        assertThat(attention.body())
                .as("flagged discrepancies in the console's attention queue")
                .contains("\"RECONCILIATION\"")
                .contains(hereOnly)
                .contains(changed);
        assertThat(order(tenant, lost).getInt("payState"))
                .as("the lost payment applied")
                .isEqualTo(2);
        assertThat(order(tenant, lost).getString("transactionId")).isEqualTo(transactionId);
        assertThat(order(tenant, refunded).getJsonNumber("refundedAmount").longValueExact())
                .isEqualTo(120);
        assertThat(Db.count(
                        "SELECT count(*) FROM audit_record WHERE tenant_id = ? AND order_no = ? AND source = 'BILL'",
                        tenant.id(),
                        lost))
                .isEqualTo(1);

        String appliedSql = "SELECT count(*) FROM audit_record WHERE tenant_id = ? AND order_no IN (?, ?)";
        long appliedBefore = Db.count(appliedSql, tenant.id(), lost, refunded);
        var again = reconcile(tenant, TODAY);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(kindsOf(again.json())).isEqualTo(kindsOf(report));
        assertThat(again.json().getJsonObject("wechat")).isEqualTo(wechat);
        assertThat(again.json().getJsonObject("ours")).isEqualTo(ours);
        assertThat(Db.count(appliedSql, tenant.id(), lost, refunded))
                .as("nothing applied twice")
                .isEqualTo(appliedBefore);
        assertThat(order(tenant, refunded).getJsonNumber("refundedAmount").longValueExact())
                .isEqualTo(120);
        assertThat(Db.count(
                        "SELECT count(*) FROM audit_record WHERE tenant_id = ? AND order_no = ?", tenant.id(), lost))
                .as("prepay and the bill's payment, once")
                .isEqualTo(2);

        var read = api.get("api/v1/admin/tenants/" + tenant.id() + "/reconciliations/" + TODAY);
        assertThat(kindsOf(read.json())).isEqualTo(kindsOf(report));
        var listed = api.get(
                "api/v1/admin/tenants/" + tenant.id() + "/reconciliations?from=" + TODAY.minusDays(1) + "&to=" + TODAY);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        var days = listed.jsonStructure().asJsonArray();
        assertThat(days).hasSize(2);
        assertThat(days.getJsonObject(1).getString("status")).isEqualTo("DISCREPANCIES");
        assertThat(days.getJsonObject(1).getInt("discrepancyCount")).isEqualTo(4);
    }

    @Test
    void anEmptyDayACreatingDayAndACorruptedHashWhichAppliesNothing() throws Exception {
        Tenant tenant = tenant();
        yesterdayDone(tenant);
        assertThat(api.get("api/v1/admin/tenants/" + tenant.id() + "/reconciliations/" + TODAY.minusDays(1))
                        .json()
                        .getString("status"))
                .as("the daily run of a day without trades")
                .isEqualTo("NO_BILL");

        SANDBOX.billVariant(tenant.mchId(), WechatPaySandbox.BillVariant.NO_STATEMENT, 1);
        JsonObject empty = reconcile(tenant, TODAY).json();
        assertThat(empty.getString("status")).isEqualTo("NO_BILL");
        assertThat(empty.getString("reason")).contains("NO_STATEMENT_EXIST");

        SANDBOX.billVariant(tenant.mchId(), WechatPaySandbox.BillVariant.CREATING, 1);
        JsonObject creating = reconcile(tenant, TODAY).json();
        assertThat(creating.getString("status")).isEqualTo("PENDING");
        assertThat(creating.getString("reason")).contains("STATEMENT_CREATING");
        assertThat(Db.one(
                                "SELECT next_attempt_at > now() + interval '29 minutes' AS later FROM reconciliation"
                                        + " WHERE tenant_id = ? AND bill_date = ?",
                                tenant.id(),
                                TODAY)
                        .get("later"))
                .isEqualTo(true);

        String lost = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        api.post("api/v1/tenants/" + tenant.id() + "/orders", "{\"orderNo\":\"" + lost + "\",\"amountTotal\":99}");
        api.post("api/v1/tenants/" + tenant.id() + "/orders/" + lost + "/wechat-prepay", "{\"openid\":\"o1\"}");
        SANDBOX.pay(tenant.mchId(), lost, false);
        SANDBOX.billVariant(tenant.mchId(), WechatPaySandbox.BillVariant.CORRUPT_HASH, 1);
        JsonObject corrupt = reconcile(tenant, TODAY).json();
        assertThat(corrupt.getString("status")).isEqualTo("FAILED");
        assertThat(corrupt.getString("reason")).contains("SHA-1");
        assertThat(order(tenant, lost).getInt("payState")).as("nothing applied").isEqualTo(1);

        SANDBOX.billVariant(tenant.mchId(), WechatPaySandbox.BillVariant.CRLF_BOM, 1);
        JsonObject fine = reconcile(tenant, TODAY).json();
        assertThat(kindsOf(fine))
                .isEqualTo(
                        java.util.List.of("MISSING_HERE:" + lost + ":APPLIED").toString());
        assertThat(order(tenant, lost).getInt("payState")).isEqualTo(2);

        SANDBOX.billVariant(tenant.mchId(), WechatPaySandbox.BillVariant.EXTRA_COMMA, 1);
        JsonObject extra = reconcile(tenant, TODAY).json();
        assertThat(kindsOf(extra))
                .as("the row with an extra comma is reported, the earlier application kept")
                .contains("UNREADABLE_ROW:-:FLAGGED")
                .contains("MISSING_HERE:" + lost + ":APPLIED");
        assertThat(Db.count(
                        "SELECT count(*) FROM audit_record WHERE tenant_id = ? AND order_no = ? AND source = 'BILL'",
                        tenant.id(),
                        lost))
                .isEqualTo(1);
    }

    @Test
    void reconciliationInputIsCheckedAndDaysWithoutAReportAreNotFound() {
        Tenant tenant = tenant();
        String base = "api/v1/admin/tenants/" + tenant.id() + "/reconciliations";
        for (String bad : List.of("2026-13-01", "yesterday", "2026-1-1")) {
            var answer = api.post(base + "/" + bad, "");
            assertThat(answer.status()).as(bad).isEqualTo(400);
            assertThat(answer.json().getString("field")).isEqualTo("date");
        }
        assertThat(api.post(base + "/" + TODAY.plusDays(1), "").status()).isEqualTo(400);
        assertThat(api.get(base + "/" + TODAY.minusYears(1)).status()).isEqualTo(404);
        assertThat(api.get(base + "?from=" + TODAY + "&to=" + TODAY.minusDays(1))
                        .status())
                .isEqualTo(400);
        assertThat(api.get(base + "?from=" + TODAY).json().getString("field")).isEqualTo("to");
        assertThat(Db.count(
                        "SELECT count(*) FROM reconciliation WHERE tenant_id = ? AND bill_date > ?",
                        tenant.id(),
                        TODAY))
                .isZero();
    }

    @Test
    void aDayRunsOnceAtATime() throws Exception {
        Tenant tenant = tenant();
        yesterdayDone(tenant);
        SANDBOX.fault(tenant.mchId(), Fault.SLOW, 1); // the bill application hangs past the client's timeout
        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> reconcile(tenant, TODAY));
        await(
                "the first run holds the day",
                Duration.ofSeconds(10),
                () -> Db.count(
                                "SELECT count(*) FROM reconciliation WHERE tenant_id = ? AND bill_date = ?"
                                        + " AND running_until > now()",
                                tenant.id(),
                                TODAY)
                        == 1);
        var second = reconcile(tenant, TODAY);
        assertThat(second.status()).as(second.body()).isEqualTo(409);
        assertThat(second.json().getString("code")).isEqualTo("RECONCILIATION_RUNNING");
        var done = first.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().getString("status")).isEqualTo("FAILED");
        assertThat(done.json().getString("reason")).contains("no answer");
        assertThat(reconcile(tenant, TODAY).json().getString("status")).isEqualTo("NO_BILL");
        assertThat(Db.count(
                        "SELECT count(*) FROM reconciliation WHERE tenant_id = ? AND bill_date = ?",
                        tenant.id(),
                        TODAY))
                .isEqualTo(1);
    }

    /**
     * Two service processes on one database, both running the daily reconciliation every second or two:
     * each tenant's yesterday is reconciled once (one claim, one bill application), whichever instance
     * took it.
     */
    @Test
    void twoInstancesReconcileEachTenantsDayOnce() throws Exception {
        Path log =
                Path.of(System.getProperty("project.build.directory", "target"), "reconciliation-second-instance.log");
        try (var second = TestEnvironment.secondInstance(
                "reconciliation-second-instance.log",
                SANDBOX.baseUrl(),
                Map.of(
                        "PAYMENT_QUERY_SCHEDULE", "3600",
                        "PAYMENT_BILL_ENABLED", "true",
                        "PAYMENT_BILL_TIME", "00:00",
                        "PAYMENT_BILL_POLL_SECONDS", "1"),
                Duration.ofMinutes(4))) {
            List<Tenant> tenants = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                tenants.add(tenant());
            }
            for (Tenant tenant : tenants) {
                yesterdayDone(tenant);
            }
            for (Tenant tenant : tenants) {
                assertThat(Db.count(
                                "SELECT count(*) FROM wechatpay_call WHERE tenant_id = ? AND operation = 'BILL'"
                                        + " AND trigger = 'SCHEDULE'",
                                tenant.id()))
                        .as("bill applications of tenant " + tenant.id())
                        .isEqualTo(1);
                assertThat(Db.one(
                                        "SELECT run_number, status FROM reconciliation WHERE tenant_id = ? AND bill_date = ?",
                                        tenant.id(),
                                        TODAY.minusDays(1))
                                .values()
                                .toString())
                        .isEqualTo("[1, NO_BILL]");
            }
            assertThat(Files.readString(log))
                    .as("the second instance ran some of the days")
                    .contains("daily reconciliation at");
        }
    }
}
