package com.minishop.wechatpay;

import com.minishop.payment.wechat.MerchantApiKey;
import jakarta.json.bind.annotation.JsonbProperty;

/**
 * Exactly what the mini-program passes to {@code wx.requestPayment}: {@code package} is {@code
 * prepay_id=...}, {@code signType} RSA, and {@code paySign} SHA256withRSA by the merchant's API key over
 * {@code appId\ntimeStamp\nnonceStr\npackage\n}.
 */
public record RequestPayment(
        String appId,
        String timeStamp,
        String nonceStr,
        @JsonbProperty("package") String packageValue,
        String signType,
        String paySign) {

    public static RequestPayment sign(String appId, String prepayId, MerchantApiKey key, long timestamp, String nonce) {
        String packageValue = "prepay_id=" + prepayId;
        String timeStamp = Long.toString(timestamp);
        String paySign = RequestSigner.sign(
                key.privateKey(), appId + "\n" + timeStamp + "\n" + nonce + "\n" + packageValue + "\n");
        return new RequestPayment(appId, timeStamp, nonce, packageValue, "RSA", paySign);
    }
}
