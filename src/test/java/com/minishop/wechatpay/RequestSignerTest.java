package com.minishop.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.minishop.payment.wechat.MerchantApiKey;
import com.minishop.payment.wechat.WechatPayTestSigner;
import com.wechat.pay.java.core.auth.WechatPay2Credential;
import com.wechat.pay.java.core.cipher.RSASigner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our request signature is the official SDK's: for the same request, nonce and time, {@code
 * wechatpay-java}'s own credential ({@link WechatPay2Credential} with its {@link RSASigner}) and ours give
 * the same Authorization pairs and the same signature. And a {@code paySign} verifies with the merchant's
 * public key over exactly {@code appId\ntimeStamp\nnonceStr\npackage\n}.
 */
class RequestSignerTest {

    private static final KeyPair MERCHANT = WechatPayTestSigner.newRsaKeyPair();
    private static final MerchantApiKey KEY =
            new MerchantApiKey("5157F09EFDC096DE15EBE81A47057A7232F1B8E1", MERCHANT.getPrivate());
    private static final Pattern PAIR = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "GET|/v3/pay/transactions/out-trade-no/ORDER-0001?mchid=1900000001|",
                "POST|/v3/pay/transactions/out-trade-no/ORDER-0001/close|{\"mchid\":\"1900000001\"}",
                "POST|/v3/pay/transactions/jsapi|{\"appid\":\"wx1\",\"description\":\"一杯咖啡\",\"amount\":{\"total\":100}}"
            })
    void sameAuthorizationAsTheOfficialSdk(String method, String pathAndQuery, String body) {
        String signBody = body == null ? "" : body;
        String sdk = new WechatPay2Credential("1900000001", new RSASigner(KEY.serial(), MERCHANT.getPrivate()))
                .getAuthorization(URI.create("https://api.mch.weixin.qq.com" + pathAndQuery), method, signBody);
        Map<String, String> theirs = pairs(sdk);
        // the SDK chose nonce and time; ours signs the same request with the same two
        String ours = RequestSigner.authorization(
                "1900000001",
                KEY,
                method,
                pathAndQuery,
                signBody,
                Long.parseLong(theirs.get("timestamp")),
                theirs.get("nonce_str"));

        assertThat(ours).startsWith("WECHATPAY2-SHA256-RSA2048 ");
        assertThat(pairs(ours)).isEqualTo(theirs);
    }

    @Test
    void paySignVerifiesWithTheMerchantPublicKey() throws Exception {
        RequestPayment payment = RequestPayment.sign(
                "wx8888888888888888",
                "wx201410272009395522657a690389285100",
                KEY,
                1414561699L,
                "5K8264ILTKCH16CQ2502SI8ZNMTM67VS");

        assertThat(payment.packageValue()).isEqualTo("prepay_id=wx201410272009395522657a690389285100");
        assertThat(payment.signType()).isEqualTo("RSA");
        assertThat(payment.timeStamp()).isEqualTo("1414561699");
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(MERCHANT.getPublic());
        verifier.update(
                "wx8888888888888888\n1414561699\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\nprepay_id=wx201410272009395522657a690389285100\n"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(payment.paySign())))
                .isTrue();

        verifier.initVerify(WechatPayTestSigner.newRsaKeyPair().getPublic());
        verifier.update(
                "wx8888888888888888\n1414561699\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\nprepay_id=wx201410272009395522657a690389285100\n"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(payment.paySign())))
                .as("another key")
                .isFalse();
    }

    @Test
    void noncesAreThirtyTwoLettersAndDigitsAndDiffer() {
        assertThat(RequestSigner.nonce()).matches("[A-Z0-9]{32}").isNotEqualTo(RequestSigner.nonce());
    }

    private static Map<String, String> pairs(String authorization) {
        Map<String, String> pairs = new HashMap<>();
        Matcher m = PAIR.matcher(authorization);
        while (m.find()) {
            pairs.put(m.group(1), m.group(2));
        }
        assertThat(pairs).containsOnlyKeys("mchid", "nonce_str", "timestamp", "serial_no", "signature");
        return pairs;
    }
}
