package com.minishop.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.minishop.tools.WechatPaySandbox;
import com.minishop.tools.WechatPaySandbox.Fault;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Asking WeChat Pay (issue 10), against the WeChat Pay sandbox over real HTTP: merchant API credentials,
 * order expiry, prepay, sync, close and the sweep, the call log, and what must never happen (a payment
 * lost or applied twice, an order closed although paid, a private key shown or logged). The deployment's
 * check schedule is long, so the sweep works only on orders a test makes due (its {@code check_due_at});
 * the last test starts a second instance with a short schedule on the same database.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WechatPayQueryIT {

    private static final WechatPaySandbox SANDBOX = WechatPaySandbox.start();
    private static final AtomicLong NEXT =
            new AtomicLong(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 2_000_000_000L);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application(Map.of(
                "PAYMENT_WECHATPAY_API_URL", SANDBOX.baseUrl(),
                "PAYMENT_PUBLIC_URL", "https://pay.shop.example",
                "PAYMENT_QUERY_SCHEDULE", "3600",
                "PAYMENT_CLOSE_AFTER_SECONDS", "1",
                "PAYMENT_SWEEP_RETRY_SECONDS", "1"));
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

    /** A tenant of the service with a merchant known to the sandbox, with API access. */
    private record Tenant(long id, WechatPaySandbox.NewMerchant merchant) {
        String mchId() {
            return merchant.merchant().mchId();
        }
    }

    private Tenant tenant() {
        long id = NEXT.getAndIncrement();
        String appId = "wx" + String.format("%016x", id);
        String mchId = "19" + String.format("%08d", id % 100_000_000);
        var merchant = SANDBOX.newMerchant(appId, mchId);
        var answer = api.put("api/v1/admin/tenants/" + id + "/wechatpay", merchant.accountJson());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return new Tenant(id, merchant);
    }

    private String order(Tenant tenant, long amount) {
        String orderNo = "Q" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        var answer = api.post(
                "api/v1/tenants/" + tenant.id() + "/orders",
                "{\"orderNo\":\"" + orderNo + "\",\"amountTotal\":" + amount + ",\"description\":\"一杯咖啡\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return orderNo;
    }

    private ApiClient.Answer prepay(Tenant tenant, String orderNo, String openId) {
        return api.post(
                "api/v1/tenants/" + tenant.id() + "/orders/" + orderNo + "/wechat-prepay",
                "{\"openid\":\"" + openId + "\"}");
    }

    private ApiClient.Answer sync(Tenant tenant, String orderNo) {
        return api.post("api/v1/tenants/" + tenant.id() + "/orders/" + orderNo + "/sync", "");
    }

    private ApiClient.Answer close(Tenant tenant, String orderNo) {
        return api.post("api/v1/tenants/" + tenant.id() + "/orders/" + orderNo + "/close", "");
    }

    private JsonObject readOrder(Tenant tenant, String orderNo) {
        var answer = api.get("api/v1/tenants/" + tenant.id() + "/orders/" + orderNo);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static void makeDue(Tenant tenant, String orderNo) {
        Db.execute("UPDATE orders SET check_due_at = now() WHERE tenant_id = ? AND order_no = ?", tenant.id(), orderNo);
    }

    private static List<Map<String, Object>> audit(Tenant tenant, String orderNo) {
        return Db.rows(
                "SELECT to_pay_state, source, request_id, notification_id FROM audit_record"
                        + " WHERE tenant_id = ? AND order_no = ? ORDER BY id",
                tenant.id(),
                orderNo);
    }

    private static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for: " + what).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    void merchantApiCredentialsAreBothOrNeitherAndNeverShown() {
        Tenant tenant = tenant();
        var shown = api.get("api/v1/admin/tenants/" + tenant.id() + "/wechatpay");
        assertThat(shown.json().getBoolean("apiAccess")).isTrue();
        assertThat(shown.json().getString("merchantCertificateSerial"))
                .isEqualTo(tenant.merchant().merchant().merchantSerial());
        String keyLine =
                tenant.merchant().privateKeyPem().lines().skip(2).findFirst().orElseThrow();
        assertThat(shown.body()).doesNotContain(keyLine).doesNotContain("PRIVATE KEY");

        JsonObject account = Json.object(tenant.merchant().accountJson());
        var withoutKey = api.put(
                "api/v1/admin/tenants/" + tenant.id() + "/wechatpay", Json.without(account, "merchantPrivateKeyPem"));
        assertThat(withoutKey.status()).isEqualTo(400);
        assertThat(withoutKey.json().getString("field")).isEqualTo("merchantPrivateKeyPem");
        var weakKey = api.put(
                "api/v1/admin/tenants/" + tenant.id() + "/wechatpay",
                Json.with(
                        account,
                        "merchantPrivateKeyPem",
                        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"));
        assertThat(weakKey.status()).isEqualTo(400);
        assertThat(weakKey.json().getString("field")).isEqualTo("merchantPrivateKeyPem");
        assertThat(weakKey.body()).doesNotContain("AAAA");

        // notifications only: the calls answer 409 NO_API_ACCESS and WeChat is not asked
        var notificationsOnly = api.put(
                "api/v1/admin/tenants/" + tenant.id() + "/wechatpay",
                Json.without(Json.object(Json.without(account, "merchantPrivateKeyPem")), "merchantCertificateSerial"));
        assertThat(notificationsOnly.status()).as(notificationsOnly.body()).isEqualTo(200);
        assertThat(notificationsOnly.json().getBoolean("apiAccess")).isFalse();
        String orderNo = order(tenant, 100);
        int queries = SANDBOX.totalQueries();
        for (var answer : List.of(sync(tenant, orderNo), close(tenant, orderNo), prepay(tenant, orderNo, "o1"))) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(409);
            assertThat(answer.json().getString("code")).isEqualTo("NO_API_ACCESS");
        }
        assertThat(SANDBOX.totalQueries()).isEqualTo(queries);
    }

    @Test
    void ordersCarryAnExpiry() {
        Tenant tenant = tenant();
        String orderNo = order(tenant, 100);
        Instant expiresAt = java.time.OffsetDateTime.parse(
                        readOrder(tenant, orderNo).getString("expiresAt"))
                .toInstant();
        assertThat(Duration.between(Instant.now(), expiresAt))
                .isBetween(Duration.ofMinutes(29), Duration.ofMinutes(31));

        var given = api.post(
                "api/v1/tenants/" + tenant.id() + "/orders",
                "{\"orderNo\":\"EXP-" + System.nanoTime() % 1_000_000_000 + "\",\"amountTotal\":1,\"expiresAt\":\""
                        + java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8))
                                .plusDays(2)
                                .withNano(0) + "\"}");
        assertThat(given.status()).as(given.body()).isEqualTo(201);
        var tooSoon = api.post(
                "api/v1/tenants/" + tenant.id() + "/orders",
                "{\"orderNo\":\"EXP-0000001\",\"amountTotal\":1,\"expiresAt\":\""
                        + java.time.OffsetDateTime.now().plusSeconds(30) + "\"}");
        assertThat(tooSoon.status()).isEqualTo(400);
        assertThat(tooSoon.json().getString("field")).isEqualTo("expiresAt");
    }

    @Test
    void prepayGivesWhatWxRequestPaymentNeedsAndTheSamePrepayIdAgain() throws Exception {
        Tenant tenant = tenant();
        String orderNo = order(tenant, 2_500);
        var first = prepay(tenant, orderNo, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        JsonObject body = first.json();
        String prepayId = body.getString("prepayId");
        assertThat(prepayId).isEqualTo(SANDBOX.prepayId(tenant.mchId(), orderNo));
        assertThat(SANDBOX.notifyUrl(tenant.mchId(), orderNo))
                .isEqualTo("https://pay.shop.example/api/v1/payments/wechat/notify/" + tenant.id());
        JsonObject pay = body.getJsonObject("requestPayment");
        assertThat(pay.getString("appId"))
                .isEqualTo(tenant.merchant().merchant().appId());
        assertThat(pay.getString("package")).isEqualTo("prepay_id=" + prepayId);
        assertThat(pay.getString("signType")).isEqualTo("RSA");
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(tenant.merchant().merchantKeyPair().getPublic());
        verifier.update((pay.getString("appId") + "\n" + pay.getString("timeStamp") + "\n" + pay.getString("nonceStr")
                        + "\n" + pay.getString("package") + "\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(pay.getString("paySign"))))
                .isTrue();

        assertThat(prepay(tenant, orderNo, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
                        .json()
                        .getString("prepayId"))
                .isEqualTo(prepayId);
        assertThat(readOrder(tenant, orderNo).getInt("payState")).isEqualTo(1);
        assertThat(audit(tenant, orderNo)).singleElement().satisfies(row -> {
            assertThat(row.get("source")).isEqualTo("PREPAY");
            assertThat(row.get("request_id")).isNotNull();
        });

        var bad = prepay(tenant, orderNo, "not an openid");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().getString("field")).isEqualTo("openid");
        SANDBOX.pay(tenant.mchId(), orderNo, true); // the notification arrives
        await(
                "paid by the notification",
                Duration.ofSeconds(20),
                () -> readOrder(tenant, orderNo).getInt("payState") == 2);
        var again = prepay(tenant, orderNo, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().getJsonObject("order").getInt("payState")).isEqualTo(2);
    }

    @Test
    void syncPaysAnOrderWhoseNotificationWasLost() {
        Tenant tenant = tenant();
        String orderNo = order(tenant, 100);
        var unknown = sync(tenant, orderNo);
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(200);
        assertThat(unknown.json().isNull("wechat")).isTrue();
        assertThat(unknown.json().getString("outcome")).isEqualTo("NOT_FOUND_AT_WECHAT");

        prepay(tenant, orderNo, "o1");
        var notPaid = sync(tenant, orderNo).json();
        assertThat(notPaid.getString("outcome")).isEqualTo("UNCHANGED");
        assertThat(notPaid.getJsonObject("wechat").getString("tradeState")).isEqualTo("NOTPAY");

        String transactionId = SANDBOX.pay(tenant.mchId(), orderNo, false);
        var paid = sync(tenant, orderNo).json();
        assertThat(paid.getString("outcome")).isEqualTo("PAID");
        assertThat(paid.getJsonObject("order").getInt("payState")).isEqualTo(2);
        assertThat(paid.getJsonObject("order").getString("transactionId")).isEqualTo(transactionId);
        assertThat(paid.getJsonObject("wechat").getString("transactionId")).isEqualTo(transactionId);
        assertThat(paid.getJsonObject("wechat").getInt("amountTotal")).isEqualTo(100);
        assertThat(audit(tenant, orderNo)).last().satisfies(row -> {
            assertThat(((Number) row.get("to_pay_state")).intValue()).isEqualTo(2);
            assertThat(row.get("source")).isEqualTo("QUERY");
            assertThat((String) row.get("request_id")).matches("[0-9A-F]{32}");
        });
        assertThat(Db.count(
                        "SELECT count(*) FROM payment_record WHERE tenant_id = ? AND out_trade_no = ? AND source = 'QUERY'",
                        tenant.id(),
                        orderNo))
                .isEqualTo(1);

        SANDBOX.refund(tenant.mchId(), orderNo);
        assertThat(sync(tenant, orderNo).json().getString("outcome"))
                .as("REFUND: was paid")
                .isEqualTo("UNCHANGED_SETTLED");

        // the console's story of the order: every call to WeChat Pay, and the query as the payment's source
        var told = api.get("api/v1/admin/tenants/" + tenant.id() + "/orders/" + orderNo + "/story")
                .json();
        assertThat(told.getJsonObject("actions").getBoolean("sync"))
                .as("a tenant with API access may sync")
                .isTrue();
        assertThat(told.getJsonObject("actions").getBoolean("close"))
                .as("a paid order is not closed")
                .isFalse();
        var story = told.getJsonArray("timeline");
        var calls = story.getValuesAs(jakarta.json.JsonObject.class).stream()
                .filter(entry -> entry.getString("type").equals("WECHATPAY_CALL"))
                .map(entry -> entry.getString("title"))
                .filter(title -> title.endsWith("by the API")) // the sweep may have asked too
                .toList();
        assertThat(calls)
                .containsExactly(
                        "query at WeChat Pay, by the API",
                        "prepay at WeChat Pay, by the API",
                        "query at WeChat Pay, by the API",
                        "query at WeChat Pay, by the API",
                        "query at WeChat Pay, by the API");
        assertThat(story.getValuesAs(jakarta.json.JsonObject.class).stream()
                        .filter(entry -> entry.getString("type").equals("STATE_CHANGE"))
                        .map(entry -> entry.getJsonObject("details").getString("source")))
                .satisfiesExactly(
                        prepaid -> assertThat(prepaid).startsWith("prepay (Request-ID "),
                        settled -> assertThat(settled).startsWith("query (Request-ID "));

        int queries = SANDBOX.totalQueries();
        var missing = sync(tenant, "NO-SUCH-ORDER-1");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(SANDBOX.totalQueries()).as("WeChat not asked").isEqualTo(queries);
    }

    @Test
    void aNotificationAndAQueryAtTheSameMomentAreAppliedOnce() throws Exception {
        Tenant tenant = tenant();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int i = 0; i < 5; i++) {
                String orderNo = order(tenant, 100);
                prepay(tenant, orderNo, "o1");
                SANDBOX.pay(tenant.mchId(), orderNo, false);
                var notification = SANDBOX.notification(tenant.mchId(), orderNo);
                var anonymous = ApiClient.anonymous(base);
                var barrier = new CyclicBarrier(3);
                List<Future<Integer>> answers = new ArrayList<>();
                answers.add(pool.submit(() -> {
                    barrier.await();
                    return anonymous
                            .postRaw(
                                    "api/v1/payments/wechat/notify/" + tenant.id(),
                                    notification.headers(),
                                    notification.body())
                            .status();
                }));
                answers.add(pool.submit(() -> {
                    barrier.await();
                    return sync(tenant, orderNo).status();
                }));
                answers.add(pool.submit(() -> {
                    barrier.await();
                    makeDue(tenant, orderNo); // and the sweep
                    return 200;
                }));
                for (var answer : answers) {
                    assertThat(answer.get()).isIn(200, 204);
                }
                await(
                        "the sweep's look",
                        Duration.ofSeconds(10),
                        () -> Db.count(
                                        "SELECT count(*) FROM orders WHERE tenant_id = ? AND order_no = ? AND check_due_at IS NULL",
                                        tenant.id(),
                                        orderNo)
                                == 1);
                assertThat(readOrder(tenant, orderNo).getInt("payState")).isEqualTo(2);
                assertThat(audit(tenant, orderNo))
                        .filteredOn(row -> ((Number) row.get("to_pay_state")).intValue() == 2)
                        .as("one audit row for the payment")
                        .hasSize(1);
                assertThat(Db.count(
                                "SELECT count(*) FROM payment_record WHERE tenant_id = ? AND out_trade_no = ?",
                                tenant.id(),
                                orderNo))
                        .isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeClosesAnUnpaidOrderButNeverAPaidOne() {
        Tenant tenant = tenant();
        String unpaid = order(tenant, 100);
        prepay(tenant, unpaid, "o1");
        var closed = close(tenant, unpaid);
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.json().getString("outcome")).isEqualTo("CLOSED");
        assertThat(closed.json().getJsonObject("order").getInt("payState")).isEqualTo(5);
        assertThat(SANDBOX.state(tenant.mchId(), unpaid)).isEqualTo("CLOSED");
        assertThat(audit(tenant, unpaid)).last().satisfies(row -> assertThat(row.get("source"))
                .isEqualTo("CLOSE"));

        // the payer pays while we close: the query after the close sees it
        String raced = order(tenant, 100);
        prepay(tenant, raced, "o2");
        SANDBOX.fault(tenant.mchId(), Fault.PAY_DURING_CLOSE, 1);
        var paid = close(tenant, raced);
        assertThat(paid.status()).as(paid.body()).isEqualTo(409);
        assertThat(paid.json().getString("code")).isEqualTo("ORDER_PAID");
        assertThat(paid.json().getJsonObject("order").getInt("payState")).isEqualTo(2);
        assertThat(audit(tenant, raced)).noneMatch(row -> ((Number) row.get("to_pay_state")).intValue() == 5);
        assertThat(close(tenant, raced).json().getString("code"))
                .as("and again")
                .isEqualTo("ORDER_PAID");
    }

    @Test
    void theSweepPaysALostPaymentAndClosesExpiredOrders() throws Exception {
        Tenant tenant = tenant();
        String lost = order(tenant, 100);
        prepay(tenant, lost, "o1");
        SANDBOX.pay(tenant.mchId(), lost, false);
        String expired = order(tenant, 100);
        prepay(tenant, expired, "o2");
        String neverPrepaid = order(tenant, 100);
        Db.execute(
                "UPDATE orders SET expires_at = now() - interval '2 seconds' WHERE tenant_id = ? AND order_no IN (?, ?)",
                tenant.id(),
                expired,
                neverPrepaid);
        for (String orderNo : List.of(lost, expired, neverPrepaid)) {
            makeDue(tenant, orderNo);
        }

        await(
                "the sweep",
                Duration.ofSeconds(30),
                () -> readOrder(tenant, lost).getInt("payState") == 2
                        && readOrder(tenant, expired).getInt("payState") == 5
                        && readOrder(tenant, neverPrepaid).getInt("payState") == 5);
        assertThat(readOrder(tenant, expired).getString("orderStatusLabel")).isEqualTo("已关闭");
        assertThat(readOrder(tenant, lost).getString("orderStatusLabel")).isEqualTo("已支付");
        assertThat(SANDBOX.state(tenant.mchId(), expired)).isEqualTo("CLOSED");
        var calls = api.get("api/v1/admin/tenants/" + tenant.id() + "/wechatpay-calls?limit=100")
                .jsonStructure()
                .asJsonArray();
        assertThat(calls).anySatisfy(call -> assertThat(call.asJsonObject().getString("trigger"))
                .isEqualTo("SWEEP"));
    }

    @Test
    void failuresChangeNothingAndTheOrderIsAskedAgainLater() throws Exception {
        Tenant tenant = tenant();
        String orderNo = order(tenant, 100);
        prepay(tenant, orderNo, "o1");
        Db.execute(
                "UPDATE orders SET check_due_at = now() + interval '1 hour' WHERE tenant_id = ? AND order_no = ?",
                tenant.id(),
                orderNo);
        SANDBOX.pay(tenant.mchId(), orderNo, false);
        Map<Fault, String> expected = Map.of(
                Fault.RATE_LIMITED, "WECHATPAY_UNAVAILABLE",
                Fault.SERVER_ERROR, "WECHATPAY_UNAVAILABLE",
                Fault.HTML_ERROR, "WECHATPAY_UNAVAILABLE",
                Fault.SLOW, "WECHATPAY_UNAVAILABLE",
                Fault.BAD_SIGNATURE, "WECHATPAY_BAD_RESPONSE");
        SANDBOX.slowMillis(6_000);
        for (var fault : expected.entrySet()) {
            SANDBOX.fault(tenant.mchId(), fault.getKey(), 1);
            var answer = sync(tenant, orderNo);
            assertThat(answer.status())
                    .as(fault.getKey() + ": " + answer.body())
                    .isEqualTo(502);
            assertThat(answer.json().getString("code")).isEqualTo(fault.getValue());
            assertThat(readOrder(tenant, orderNo).getInt("payState"))
                    .as("nothing changes")
                    .isEqualTo(1);
        }
        // the same through the sweep: each failure is logged, the order is asked again, and finally paid
        for (var fault : List.of(Fault.RATE_LIMITED, Fault.SERVER_ERROR, Fault.HTML_ERROR, Fault.BAD_SIGNATURE)) {
            SANDBOX.fault(tenant.mchId(), fault, 1);
        }
        makeDue(tenant, orderNo);
        await(
                "paid after four failures",
                Duration.ofSeconds(60),
                () -> readOrder(tenant, orderNo).getInt("payState") == 2);

        var failed = api.get("api/v1/admin/tenants/" + tenant.id() + "/wechatpay-calls?limit=100&outcome=RATE_LIMITED");
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.jsonStructure().asJsonArray()).hasSize(2).allSatisfy(entry -> {
            JsonObject call = entry.asJsonObject();
            assertThat(call.getString("operation")).isEqualTo("QUERY");
            assertThat(call.getString("outTradeNo")).isEqualTo(orderNo);
            assertThat(call.getInt("httpStatus")).isEqualTo(429);
            assertThat(call.getString("errorCode")).isEqualTo("FREQUENCY_LIMITED");
            assertThat(call.getString("requestId")).isNotBlank();
        });
        for (String outcome : List.of("SERVER_ERROR", "TIMEOUT", "BAD_SIGNATURE")) {
            assertThat(api.get("api/v1/admin/tenants/" + tenant.id() + "/wechatpay-calls?outcome=" + outcome)
                            .jsonStructure()
                            .asJsonArray())
                    .as(outcome)
                    .isNotEmpty();
        }
        var badFilter = api.get("api/v1/admin/tenants/" + tenant.id() + "/wechatpay-calls?outcome=NOPE");
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.json().getString("field")).isEqualTo("outcome");
    }

    @Test
    void twoInstancesSweepingTheSameOrdersQueryEachByOneAtATime() throws Exception {
        Path log =
                Path.of(System.getProperty("project.build.directory", "target"), "wechatpay-sweep-second-instance.log");
        try (var second = TestEnvironment.secondInstance(
                "wechatpay-sweep-second-instance.log",
                SANDBOX.baseUrl(),
                Map.of(
                        "PAYMENT_QUERY_SCHEDULE", "1,2,3",
                        "PAYMENT_SWEEP_RETRY_SECONDS", "1",
                        "PAYMENT_BILL_ENABLED", "false"), // as in every test deployment (see Deployments)
                Duration.ofMinutes(3))) {
            Tenant tenant = tenant();
            var secondApi = ApiClient.admin(new URL(second.baseUrl()));
            SANDBOX.queryDelayMillis(20);
            List<String> orders = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                String orderNo = "TWO" + String.format("%05d", i)
                        + UUID.randomUUID().toString().substring(0, 8);
                SANDBOX.open(tenant.mchId(), orderNo, 100);
                SANDBOX.pay(tenant.mchId(), orderNo, false); // paid, the notification lost
                // half created on each instance: each instance's schedule (1 s here, 1 h there) starts them
                var answer = (i % 2 == 0 ? secondApi : api)
                        .post(
                                "api/v1/tenants/" + tenant.id() + "/orders",
                                "{\"orderNo\":\"" + orderNo + "\",\"amountTotal\":100}");
                assertThat(answer.status()).as(answer.body()).isEqualTo(201);
                orders.add(orderNo);
            }
            Db.execute("UPDATE orders SET check_due_at = now() WHERE tenant_id = ?", tenant.id());
            await(
                    "all 500 paid",
                    Duration.ofSeconds(120),
                    () -> Db.count("SELECT count(*) FROM orders WHERE tenant_id = ? AND pay_state = 2", tenant.id())
                            == 500);
            SANDBOX.queryDelayMillis(0);

            assertThat(SANDBOX.maxConcurrentQueriesOfOneOrder())
                    .as("one instance at a time per order")
                    .isEqualTo(1);
            assertThat(Db.count(
                            "SELECT count(*) FROM audit_record WHERE tenant_id = ? AND to_pay_state = 2", tenant.id()))
                    .as("each applied once")
                    .isEqualTo(500);
            assertThat(Db.count("SELECT count(*) FROM payment_record WHERE tenant_id = ?", tenant.id()))
                    .isEqualTo(500);

            // no private key (nor the APIv3 key) in any answer, log line or log table
            String keyBody = String.join(
                    "",
                    tenant.merchant()
                            .privateKeyPem()
                            .lines()
                            .filter(l -> !l.startsWith("-----"))
                            .toList());
            List<String> secrets = new ArrayList<>();
            tenant.merchant()
                    .privateKeyPem()
                    .lines()
                    .filter(l -> !l.startsWith("-----"))
                    .forEach(secrets::add);
            secrets.add(keyBody.substring(100, 160));
            secrets.add(tenant.merchant().merchant().platform().apiV3Key());
            String serverLog = Files.readString(log);
            String answers = secondApi
                            .get("api/v1/admin/tenants/" + tenant.id() + "/wechatpay")
                            .body()
                    + api.get("api/v1/admin/tenants/" + tenant.id() + "/wechatpay-calls?limit=1000")
                            .body()
                    + api.get("api/v1/admin/tenants/" + tenant.id() + "/payment-notifications?limit=1000")
                            .body();
            String tables = Db.rows("SELECT * FROM wechatpay_call WHERE tenant_id = ?", tenant.id())
                            .toString()
                    + Db.rows("SELECT * FROM audit_record WHERE tenant_id = ?", tenant.id())
                    + Db.rows("SELECT * FROM callback_log WHERE tenant_id = ?", tenant.id());
            for (String secret : secrets) {
                assertThat(serverLog).doesNotContain(secret);
                assertThat(answers).doesNotContain(secret);
                assertThat(tables).doesNotContain(secret);
            }
            assertThat(serverLog).contains("sweep started");
        }
    }

    /** JSON helpers for editing a request body. */
    private static final class Json {
        static JsonObject object(String text) {
            try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(text))) {
                return reader.readObject();
            }
        }

        static String without(JsonObject object, String name) {
            return jakarta.json.Json.createObjectBuilder(object)
                    .remove(name)
                    .build()
                    .toString();
        }

        static String with(JsonObject object, String name, String value) {
            return jakarta.json.Json.createObjectBuilder(object)
                    .add(name, value)
                    .build()
                    .toString();
        }
    }
}
