package com.minishop.wechatpay;

import com.minishop.payment.wechat.MerchantApiKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;

/**
 * WeChat Pay's request signature: SHA256withRSA by the merchant's API key over {@code
 * METHOD\npath?query\ntimestamp\nnonce\nbody\n}, sent as {@code Authorization: WECHATPAY2-SHA256-RSA2048
 * mchid=..,nonce_str=..,timestamp=..,serial_no=..,signature=..}. Pure functions: the nonce and time are
 * the caller's, so a test can fix them.
 */
public final class RequestSigner {

    public static final String SCHEMA = "WECHATPAY2-SHA256-RSA2048";

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestSigner() {}

    /** The {@code Authorization} header value for one request; {@code body} is "" for none. */
    public static String authorization(
            String mchId,
            MerchantApiKey key,
            String method,
            String pathAndQuery,
            String body,
            long timestamp,
            String nonce) {
        String signature = sign(
                key.privateKey(), method + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n");
        return SCHEMA + " mchid=\"" + mchId + "\",nonce_str=\"" + nonce + "\",timestamp=\"" + timestamp
                + "\",serial_no=\"" + key.serial() + "\",signature=\"" + signature + "\"";
    }

    /** Base64 of SHA256withRSA over the UTF-8 bytes of {@code message}. */
    public static String sign(PrivateKey key, String message) {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the merchant key", e);
        }
    }

    /** 32 random letters and digits, as WeChat's own SDKs make them. */
    public static String nonce() {
        char[] nonce = new char[32];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length()));
        }
        return new String(nonce);
    }
}
