package com.minishop.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import com.wechat.pay.java.service.payments.jsapi.model.Amount;
import com.wechat.pay.java.service.payments.jsapi.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest;
import com.wechat.pay.java.service.payments.jsapi.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.payments.model.Transaction;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox speaks WeChat Pay's protocol, not just ours: the official SDK's client ({@code wechatpay-java}
 * 0.2.17, {@link JsapiService}, redirected to the sandbox by an OkHttp interceptor since its host is an
 * enum) gets its signed requests accepted and accepts the sandbox's signed answers (it verifies them with
 * the merchant's WeChat Pay public key), for prepay, query and close; a request signed with another key
 * is refused with the SDK's own {@code SIGN_ERROR}, and an answer with a bad signature is refused by the SDK.
 */
class WechatPaySandboxConformanceTest {

    private static final WechatPaySandbox SANDBOX = WechatPaySandbox.start();
    private static final WechatPaySandbox.NewMerchant MERCHANT =
            SANDBOX.newMerchant("wx2000000000000002", "1900000202");

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    static JsapiService sdk(java.security.PrivateKey merchantKey) {
        var m = MERCHANT.merchant();
        var config = new RSAPublicKeyConfig.Builder()
                .merchantId(m.mchId())
                .privateKey(merchantKey)
                .merchantSerialNumber(m.merchantSerial())
                .publicKey(m.platform().key().keyPair().getPublic())
                .publicKeyId(m.platform().key().serial())
                .apiV3Key(m.platform().apiV3Key())
                .build();
        URI sandbox = URI.create(SANDBOX.baseUrl());
        OkHttpClient redirected = new OkHttpClient.Builder()
                .addInterceptor(chain -> {
                    HttpUrl url = chain.request()
                            .url()
                            .newBuilder()
                            .scheme("http")
                            .host(sandbox.getHost())
                            .port(sandbox.getPort())
                            .build();
                    return chain.proceed(chain.request().newBuilder().url(url).build());
                })
                .build();
        var http = new DefaultHttpClientBuilder()
                .config(config)
                .okHttpClient(redirected)
                .build();
        return new JsapiService.Builder().httpClient(http).build();
    }

    @Test
    void theOfficialSdkPrepaysQueriesAndClosesAgainstTheSandbox() {
        JsapiService sdk = sdk(MERCHANT.merchantKeyPair().getPrivate());
        var m = MERCHANT.merchant();
        var prepay = new PrepayRequest();
        prepay.setAppid(m.appId());
        prepay.setMchid(m.mchId());
        prepay.setDescription("一杯咖啡");
        prepay.setOutTradeNo("SDK-ORDER-0001");
        prepay.setNotifyUrl("https://shop.example/api/v1/payments/wechat/notify/1");
        prepay.setTimeExpire(OffsetDateTime.now(ZoneOffset.ofHours(8))
                .plusMinutes(30)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")));
        var amount = new Amount();
        amount.setTotal(100);
        prepay.setAmount(amount);
        var payer = new Payer();
        payer.setOpenid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        prepay.setPayer(payer);

        String prepayId = sdk.prepay(prepay).getPrepayId();
        assertThat(prepayId).isEqualTo(SANDBOX.prepayId(m.mchId(), "SDK-ORDER-0001"));

        var query = new QueryOrderByOutTradeNoRequest();
        query.setMchid(m.mchId());
        query.setOutTradeNo("SDK-ORDER-0001");
        assertThat(sdk.queryOrderByOutTradeNo(query).getTradeState()).isEqualTo(Transaction.TradeStateEnum.NOTPAY);
        SANDBOX.pay(m.mchId(), "SDK-ORDER-0001", false);
        Transaction paid = sdk.queryOrderByOutTradeNo(query);
        assertThat(paid.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
        assertThat(paid.getTransactionId()).isEqualTo(SANDBOX.transactionId(m.mchId(), "SDK-ORDER-0001"));
        assertThat(paid.getAmount().getTotal()).isEqualTo(100);

        var close = new CloseOrderRequest();
        close.setMchid(m.mchId());
        close.setOutTradeNo("SDK-UNKNOWN-0002");
        sdk.closeOrder(close); // 204, verified by the SDK

        query.setOutTradeNo("SDK-UNKNOWN-0002");
        assertThatThrownBy(() -> sdk.queryOrderByOutTradeNo(query))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(404);
                    assertThat(e.getErrorCode()).isEqualTo("ORDER_NOT_EXIST");
                });
        assertThat(SANDBOX.signErrors()).isZero();
    }

    @Test
    void aRequestSignedWithAnotherKeyGetsSignError() {
        var query = new QueryOrderByOutTradeNoRequest();
        query.setMchid(MERCHANT.merchant().mchId());
        query.setOutTradeNo("SDK-ORDER-0003");
        JsapiService impostor = sdk(
                com.minishop.payment.wechat.WechatPayTestSigner.newRsaKeyPair().getPrivate());

        assertThatThrownBy(() -> impostor.queryOrderByOutTradeNo(query))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(401);
                    assertThat(e.getErrorCode()).isEqualTo("SIGN_ERROR");
                });
    }

    @Test
    void theSdkRefusesAnAnswerWithABadSignature() {
        var query = new QueryOrderByOutTradeNoRequest();
        query.setMchid(MERCHANT.merchant().mchId());
        query.setOutTradeNo("SDK-ORDER-0004");
        SANDBOX.pay(MERCHANT.merchant().mchId(), "SDK-ORDER-0004", false);
        SANDBOX.fault(MERCHANT.merchant().mchId(), WechatPaySandbox.Fault.BAD_SIGNATURE, 1);

        assertThatThrownBy(() -> sdk(MERCHANT.merchantKeyPair().getPrivate()).queryOrderByOutTradeNo(query))
                .isInstanceOf(ValidationException.class);
    }
}
