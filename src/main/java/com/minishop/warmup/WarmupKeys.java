package com.minishop.warmup;

import com.minishop.payment.wechat.MerchantCredentials;
import com.minishop.payment.wechat.NotificationHeaders;
import com.minishop.payment.wechat.PlatformKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The warm-up's synthetic merchant: a WeChat Pay platform key pair and an APIv3 key generated in this JVM
 * and never written anywhere, so nobody outside can sign a notification for it. Signs and encrypts
 * notifications exactly as WeChat Pay does (SHA256withRSA over {@code timestamp\nnonce\nbody\n},
 * AEAD_AES_256_GCM resource), so the warm-up runs the verifier's real work.
 */
record WarmupKeys(KeyPair keyPair, String serial, byte[] apiV3Key, MerchantCredentials credentials) {

    static final String APP_ID = "wxwarmup";
    static final String MCH_ID = "1900000000";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A signed notification: its headers and its exact body bytes. */
    record Signed(NotificationHeaders headers, byte[] body) {}

    static WarmupKeys generate() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            KeyPair pair = generator.generateKeyPair();
            String serial = "PUB_KEY_ID_WARMUP" + HexFormat.of().formatHex(random(8));
            byte[] apiV3Key = new byte[MerchantCredentials.API_V3_KEY_BYTES];
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
            for (int i = 0; i < apiV3Key.length; i++) {
                apiV3Key[i] = (byte) alphabet.charAt(RANDOM.nextInt(alphabet.length()));
            }
            var credentials = new MerchantCredentials(
                    APP_ID, MCH_ID, apiV3Key.clone(), List.of(new PlatformKey(serial, pair.getPublic(), null, null)));
            return new WarmupKeys(pair, serial, apiV3Key, credentials);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the warm-up's keys", e);
        }
    }

    /** A TRANSACTION.SUCCESS notification paying {@code orderNo} {@code total} fen. */
    Signed payment(String orderNo, long total) {
        try {
            String transactionId = "4200" + String.format("%028d", Math.abs(RANDOM.nextLong()) % 1_000_000_000_000L);
            String resource =
                    """
                    {"mchid":"%s","appid":"%s","out_trade_no":"%s","transaction_id":"%s","trade_type":"JSAPI",\
                    "trade_state":"SUCCESS","trade_state_desc":"ok","bank_type":"OTHERS","attach":"",\
                    "success_time":"%s","payer":{"openid":"warmup"},\
                    "amount":{"total":%d,"payer_total":%d,"currency":"CNY","payer_currency":"CNY"}}"""
                            .formatted(
                                    MCH_ID,
                                    APP_ID,
                                    orderNo,
                                    transactionId,
                                    OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0),
                                    total,
                                    total);
            String gcmNonce = HexFormat.of().formatHex(random(6));
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(apiV3Key, "AES"),
                    new GCMParameterSpec(128, gcmNonce.getBytes(StandardCharsets.UTF_8)));
            cipher.updateAAD("transaction".getBytes(StandardCharsets.UTF_8));
            String ciphertext =
                    Base64.getEncoder().encodeToString(cipher.doFinal(resource.getBytes(StandardCharsets.UTF_8)));
            String body =
                    """
                    {"id":"%s","create_time":"%s","resource_type":"encrypt-resource","event_type":"TRANSACTION.SUCCESS",\
                    "summary":"ok","resource":{"original_type":"transaction","algorithm":"AEAD_AES_256_GCM",\
                    "ciphertext":"%s","associated_data":"transaction","nonce":"%s"}}"""
                            .formatted(
                                    java.util.UUID.randomUUID(),
                                    OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0),
                                    ciphertext,
                                    gcmNonce);
            String timestamp = Long.toString(Instant.now().getEpochSecond());
            String nonce = HexFormat.of().formatHex(random(16));
            var signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keyPair.getPrivate());
            signer.update((timestamp + "\n" + nonce + "\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
            String signature = Base64.getEncoder().encodeToString(signer.sign());
            return new Signed(
                    NotificationHeaders.of(timestamp, nonce, signature, serial, "WECHATPAY2-SHA256-RSA2048"),
                    body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a warm-up notification", e);
        }
    }

    private static byte[] random(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return raw;
    }
}
