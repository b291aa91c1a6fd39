package com.minishop.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.minishop.payment.wechat.MerchantApiKey;
import com.minishop.payment.wechat.MerchantCredentials;
import com.minishop.payment.wechat.PlatformKey;
import com.minishop.payment.wechat.WechatPayTestSigner;
import com.minishop.tools.WechatPaySandbox;
import com.minishop.tools.WechatPaySandbox.Fault;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The client against the sandbox over real HTTP: signed requests accepted, signed answers read; every
 * failure (unreachable, slow, throttled, failing, an HTML page, an answer whose signature, serial or
 * timestamp does not verify, a refused signature) is a {@link WechatPayException} with the right code and
 * one call-log record with the right outcome, HTTP status and Request-ID.
 */
class WechatPayClientTest {

    private static final WechatPaySandbox SANDBOX = WechatPaySandbox.start();
    private static final WechatPaySandbox.NewMerchant MERCHANT =
            SANDBOX.newMerchant("wx1000000000000001", "1900000101");

    private final List<CallRecord> log = new CopyOnWriteArrayList<>();
    private WechatPayClient client;
    private WechatPayClient.Call call;
    private String orderNo;

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @BeforeEach
    void setUp() {
        client = new WechatPayClient(SANDBOX.baseUrl(), Clock.systemUTC(), Duration.ofMillis(2_000), log::add);
        orderNo = "ORD" + System.nanoTime();
        call = new WechatPayClient.Call(42, credentials(MERCHANT), "API", orderNo);
    }

    static MerchantCredentials credentials(WechatPaySandbox.NewMerchant m) {
        WechatPayTestSigner platform = m.merchant().platform();
        return MerchantCredentials.of(
                        m.merchant().appId(),
                        m.merchant().mchId(),
                        platform.apiV3Key(),
                        List.of(PlatformKey.fromPublicKeyPem(
                                platform.key().serial(), platform.key().publicKeyPem())))
                .withApiKey(new MerchantApiKey(
                        m.merchant().merchantSerial(), m.merchantKeyPair().getPrivate()));
    }

    private WechatPayClient.Prepaid prepay() {
        return client.prepay(
                call,
                "一杯咖啡",
                100,
                "CNY",
                OffsetDateTime.now().plusMinutes(30).withSecond(0).withNano(0), // zero seconds: still written
                "https://shop.example/api/v1/payments/wechat/notify/42",
                "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    }

    @Test
    void prepayQueryAndCloseSpeakTheProtocol() {
        int signErrors = SANDBOX.signErrors();
        assertThat(client.query(call).transaction()).as("unknown to WeChat").isNull();
        var prepaid = prepay();
        assertThat(prepaid.prepayId()).startsWith("wx");
        assertThat(client.query(call).transaction().tradeState()).isEqualTo("NOTPAY");
        SANDBOX.pay(MERCHANT.merchant().mchId(), orderNo, false);
        var paid = client.query(call).transaction();
        assertThat(paid.tradeState()).isEqualTo("SUCCESS");
        assertThat(paid.transactionId())
                .isEqualTo(SANDBOX.transactionId(MERCHANT.merchant().mchId(), orderNo));
        assertThat(paid.amount().total()).isEqualTo(100);
        assertThat(client.close(new WechatPayClient.Call(42, call.credentials(), "API", "UNKNOWN-" + orderNo)))
                .as("close of an unknown number: 204 as WeChat does")
                .isNotBlank();

        assertThat(log).extracting(CallRecord::operation).containsExactly("QUERY", "PREPAY", "QUERY", "QUERY", "CLOSE");
        assertThat(log).extracting(CallRecord::outcome).containsExactly("NOT_FOUND", "OK", "OK", "OK", "OK");
        assertThat(log).extracting(CallRecord::httpStatus).containsExactly(404, 200, 200, 200, 204);
        assertThat(log).allSatisfy(r -> assertThat(r.requestId()).matches("[0-9A-F]{32}"));
        assertThat(SANDBOX.signErrors()).isEqualTo(signErrors);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "RATE_LIMITED, WECHATPAY_UNAVAILABLE, RATE_LIMITED, 429",
        "SERVER_ERROR, WECHATPAY_UNAVAILABLE, SERVER_ERROR, 500",
        "HTML_ERROR, WECHATPAY_UNAVAILABLE, SERVER_ERROR, 502",
        "BAD_SIGNATURE, WECHATPAY_BAD_RESPONSE, BAD_SIGNATURE, 200",
        "STALE_TIMESTAMP, WECHATPAY_BAD_RESPONSE, TIMESTAMP_OUT_OF_WINDOW, 200",
        "UNKNOWN_SERIAL, WECHATPAY_BAD_RESPONSE, UNKNOWN_SERIAL, 200"
    })
    void everyFailureIsRefusedAndLogged(Fault fault, String code, String outcome, int status) {
        prepay();
        log.clear();
        SANDBOX.fault(MERCHANT.merchant().mchId(), fault, 1);

        assertThatThrownBy(() -> client.query(call)).isInstanceOfSatisfying(WechatPayException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.backOff()).isEqualTo(code.equals(WechatPayException.UNAVAILABLE));
        });
        assertThat(log).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(outcome);
            assertThat(r.httpStatus()).isEqualTo(status);
            if (fault != Fault.HTML_ERROR) { // a proxy's page has none
                assertThat(r.requestId()).as("Request-ID kept").isNotNull();
            }
        });
        assertThat(client.query(call).transaction().tradeState())
                .as("the next call is fine")
                .isEqualTo("NOTPAY");
    }

    @Test
    void aSlowAnswerTimesOut() {
        SANDBOX.slowMillis(4_000);
        SANDBOX.fault(MERCHANT.merchant().mchId(), Fault.SLOW, 1);

        assertThatThrownBy(() -> client.query(call))
                .isInstanceOfSatisfying(
                        WechatPayException.class, e -> assertThat(e.code()).isEqualTo("WECHATPAY_UNAVAILABLE"));
        assertThat(log).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("TIMEOUT");
            assertThat(r.httpStatus()).isNull();
            assertThat(r.durationMs()).isBetween(1_900L, 3_900L);
        });
    }

    @Test
    void anUnreachableServiceIsUnavailable() {
        var nowhere = new WechatPayClient("http://127.0.0.1:1", Clock.systemUTC(), Duration.ofMillis(800), log::add);

        assertThatThrownBy(() -> nowhere.query(call))
                .isInstanceOfSatisfying(
                        WechatPayException.class, e -> assertThat(e.code()).isEqualTo("WECHATPAY_UNAVAILABLE"));
        assertThat(log).singleElement().extracting(CallRecord::outcome).isEqualTo("UNREACHABLE");
    }

    @Test
    void aRequestSignedWithAnotherKeyIsRefusedByTheSandbox() {
        var impostor = new WechatPayClient.Call(
                42,
                credentials(MERCHANT)
                        .withApiKey(new MerchantApiKey(
                                MERCHANT.merchant().merchantSerial(),
                                WechatPayTestSigner.newRsaKeyPair().getPrivate())),
                "API",
                orderNo);

        assertThatThrownBy(() -> client.query(impostor))
                .isInstanceOfSatisfying(
                        WechatPayException.class, e -> assertThat(e.code()).isEqualTo("WECHATPAY_REJECTED"));
        assertThat(log).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("REJECTED");
            assertThat(r.httpStatus()).isEqualTo(401);
            assertThat(r.errorCode()).isEqualTo("SIGN_ERROR");
        });
    }

    @Test
    void aCallLogRecordHoldsNoSecret() {
        prepay();
        String secret = MERCHANT.privateKeyPem().lines().skip(1).findFirst().orElseThrow();
        assertThat(log).allSatisfy(r -> assertThat(r.toString())
                .doesNotContain(secret)
                .doesNotContain(MERCHANT.merchant().platform().apiV3Key())
                .doesNotContain("signature"));
    }
}
