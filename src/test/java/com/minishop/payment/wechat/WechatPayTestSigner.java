package com.minishop.payment.wechat;

import jakarta.json.spi.JsonProvider;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Plays WeChat Pay for one tenant, for tests and the simulator: holds the APIv3 key and the
 * platform key pairs (WeChat Pay public keys and/or self-signed certificates, all generated, never
 * committed), builds notification envelopes as hand-written JSON text (so whitespace and escapes
 * are exactly what a test asks for), encrypts the resource with AES-256-GCM, signs, and returns the
 * exact request: headers plus body bytes, also as a {@code curl} command. Variations: any
 * timestamp, serial or signing key, SIGNTEST probes, one flipped bit in the signature, ciphertext,
 * tag, AAD or nonce, edited body text, missing or repeated headers.
 *
 * <p>Depends only on the JDK and BouncyCastle, and on nothing in the main code, so that it proves
 * the protocol independently of the verifier it tests.
 */
public final class WechatPayTestSigner {

    public static final String TIMESTAMP = "Wechatpay-Timestamp";
    public static final String NONCE = "Wechatpay-Nonce";
    public static final String SIGNATURE = "Wechatpay-Signature";
    public static final String SERIAL = "Wechatpay-Serial";
    public static final String SIGNATURE_TYPE = "Wechatpay-Signature-Type";
    public static final String RSA_SIGNATURE_TYPE = "WECHATPAY2-SHA256-RSA2048";
    public static final String SIGNTEST_PREFIX = "WECHATPAY/SIGNTEST/";
    public static final String AEAD_AES_256_GCM = "AEAD_AES_256_GCM";

    /** Looked up once: {@code JSON.createX} searches the class path for a provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    /** What {@link Builder#tamper} can break, one bit each, after which the body is signed anew. */
    public enum Tamper {
        /** A bit of the signature itself (the only one that leaves the body signature invalid). */
        SIGNATURE,
        /** A bit of the first ciphertext byte. */
        CIPHERTEXT,
        /** A bit of the last byte, which belongs to the 16-byte GCM tag. */
        TAG,
        /** A bit of one character of {@code associated_data} in the envelope. */
        ASSOCIATED_DATA,
        /** A bit of one character of {@code nonce} in the envelope. */
        NONCE
    }

    /**
     * One platform key pair as WeChat Pay holds it. {@code certificate} is null for a WeChat Pay
     * public key, whose serial is a {@code PUB_KEY_ID_...}.
     */
    public record SigningKey(String serial, KeyPair keyPair, X509Certificate certificate) {

        public SigningKey {
            Objects.requireNonNull(serial, "serial");
            Objects.requireNonNull(keyPair, "keyPair");
        }

        public boolean isCertificate() {
            return certificate != null;
        }

        /** What the merchant provisions: the certificate PEM, or the public key PEM. */
        public String pem() {
            return isCertificate() ? certificatePem() : publicKeyPem();
        }

        public String publicKeyPem() {
            return pemBlock("PUBLIC KEY", keyPair.getPublic().getEncoded());
        }

        public String certificatePem() {
            if (certificate == null) {
                return null;
            }
            try {
                return pemBlock("CERTIFICATE", certificate.getEncoded());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        public PrivateKey privateKey() {
            return keyPair.getPrivate();
        }

        @Override
        public String toString() {
            return "SigningKey[" + (isCertificate() ? "certificate " : "public key ") + serial + "]";
        }
    }

    /** The request WeChat would send: headers in sending order and the exact body bytes. */
    public record SignedRequest(Map<String, List<String>> headers, byte[] body) {

        public SignedRequest {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
            headers = Collections.unmodifiableMap(copy);
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** First value of a header, any case; null when absent. */
        public String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }

        /** The same request with this header replaced by the given values (none: removed). */
        public SignedRequest withHeader(String name, String... values) {
            Map<String, List<String>> changed = new LinkedHashMap<>(headers);
            changed.keySet().removeIf(key -> key.equalsIgnoreCase(name));
            if (values.length > 0) {
                changed.put(name, List.of(values));
            }
            return new SignedRequest(changed, body);
        }

        public SignedRequest withoutHeader(String name) {
            return withHeader(name);
        }

        /** The same headers over another body: the signature no longer covers it. */
        public SignedRequest withBody(byte[] otherBody) {
            return new SignedRequest(headers, otherBody);
        }

        /**
         * A shell command that sends exactly these bytes: {@code printf '%s' '<body>' | curl ...
         * --data-binary @-} (a here-document would add a newline and break the signature).
         */
        public String toCurl(String url) {
            String text;
            try {
                text = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(body))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new IllegalStateException("body is not UTF-8 text; send the bytes directly", e);
            }
            StringBuilder command = new StringBuilder("printf '%s' ")
                    .append(shellQuote(text))
                    .append(" | curl -sS -X POST ")
                    .append(shellQuote(url))
                    .append(" \\\n  -H ")
                    .append(shellQuote("Content-Type: application/json"));
            headers.forEach((name, values) ->
                    values.forEach(value -> command.append(" \\\n  -H ").append(shellQuote(name + ": " + value))));
            return command.append(" \\\n  --data-binary @-").toString();
        }

        @Override
        public String toString() {
            return "SignedRequest[headers=" + headers + ", body=" + bodyText() + "]";
        }
    }

    private final String apiV3Key;
    private final List<SigningKey> keys;

    /** A tenant with this APIv3 key (32 ASCII characters) and these platform keys. */
    public WechatPayTestSigner(String apiV3Key, SigningKey... keys) {
        Objects.requireNonNull(apiV3Key, "apiV3Key");
        if (apiV3Key.getBytes(StandardCharsets.UTF_8).length != 32) {
            throw new IllegalArgumentException("an APIv3 key is 32 bytes");
        }
        this.apiV3Key = apiV3Key;
        this.keys = List.of(keys);
    }

    /** A tenant with a random APIv3 key and one fresh WeChat Pay public key. */
    public static WechatPayTestSigner create() {
        return new WechatPayTestSigner(randomApiV3Key(), newPublicKey());
    }

    /** The same tenant with more platform keys, e.g. during rotation or migration. */
    public WechatPayTestSigner withKeys(SigningKey... more) {
        List<SigningKey> all = new ArrayList<>(keys);
        all.addAll(Arrays.asList(more));
        return new WechatPayTestSigner(apiV3Key, all.toArray(SigningKey[]::new));
    }

    public String apiV3Key() {
        return apiV3Key;
    }

    public List<SigningKey> keys() {
        return keys;
    }

    /** The key notifications are signed with unless a builder says otherwise. */
    public SigningKey key() {
        if (keys.isEmpty()) {
            throw new IllegalStateException("this signer has no platform key");
        }
        return keys.get(0);
    }

    // ---- keys ----

    public static String randomApiV3Key() {
        return randomText(32);
    }

    public static KeyPair newRsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A WeChat Pay public key with a fresh key pair and a random {@code PUB_KEY_ID_} + 28 digits.
     */
    public static SigningKey newPublicKey() {
        StringBuilder serial = new StringBuilder("PUB_KEY_ID_");
        for (int i = 0; i < 28; i++) {
            serial.append(RANDOM.nextInt(10));
        }
        return new SigningKey(serial.toString(), newRsaKeyPair(), null);
    }

    public static SigningKey newPublicKey(String serial, KeyPair keyPair) {
        return new SigningKey(serial, keyPair, null);
    }

    /** A self-signed platform certificate with a fresh key pair and a random 159-bit serial. */
    public static SigningKey newCertificate(Instant notBefore, Instant notAfter) {
        return newCertificate(newRsaKeyPair(), new BigInteger(159, RANDOM).setBit(152), notBefore, notAfter);
    }

    /** Validity is stored to the second, as X.509 does. */
    public static SigningKey newCertificate(
            KeyPair keyPair, BigInteger serialNumber, Instant notBefore, Instant notAfter) {
        X500Name name = new X500Name("CN=WeChat Pay Platform (test), O=Test Tenpay, C=CN");
        try {
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(new JcaX509v3CertificateBuilder(
                                    name,
                                    serialNumber,
                                    Date.from(notBefore),
                                    Date.from(notAfter),
                                    name,
                                    keyPair.getPublic())
                            .build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate())));
            return new SigningKey(serialNumber.toString(16).toUpperCase(Locale.ROOT), keyPair, certificate);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The body of {@code PUT /api/v1/admin/tenants/{id}/wechatpay} that registers this signer's APIv3 key
     * and platform keys as the tenant's merchant account.
     */
    public String merchantAccountJson(String appId, String mchId) {
        var platformKeys = JSON.createArrayBuilder();
        for (var key : keys) {
            platformKeys.add(JSON.createObjectBuilder()
                    .add("serial", key.serial())
                    .add(key.isCertificate() ? "certificatePem" : "publicKeyPem", key.pem()));
        }
        return JSON.createObjectBuilder()
                .add("appId", appId)
                .add("mchId", mchId)
                .add("apiV3Key", apiV3Key)
                .add("platformKeys", platformKeys)
                .build()
                .toString();
    }

    // ---- resources (the decrypted JSON) ----

    /** A successful JSAPI payment as WeChat describes it; amounts in fen. */
    public static String transactionJson(String appId, String mchId, String outTradeNo, long total) {
        return """
        {"mchid":"%s","appid":"%s","out_trade_no":"%s","transaction_id":"42000%s",\
        "trade_type":"JSAPI","trade_state":"SUCCESS","trade_state_desc":"支付成功",\
        "bank_type":"CMC","attach":"","success_time":"2018-06-08T10:34:56+08:00",\
        "payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},\
        "amount":{"total":%d,"payer_total":%d,"currency":"CNY","payer_currency":"CNY"},\
        "scene_info":{"device_id":"013467007045764"},"promotion_detail":[]}\
        """
                .formatted(json(mchId), json(appId), json(outTradeNo), randomDigits(23), total, total);
    }

    /** A refund of {@code refund} fen out of {@code total}; success_time only when SUCCESS. */
    public static String refundJson(
            String mchId, String outTradeNo, String outRefundNo, String refundStatus, long total, long refund) {
        String successTime = "SUCCESS".equals(refundStatus) ? "\"success_time\":\"2018-06-08T10:34:56+08:00\"," : "";
        return """
        {"mchid":"%s","transaction_id":"42000%s","out_trade_no":"%s",\
        "refund_id":"50300%s","out_refund_no":"%s","refund_status":"%s",%s\
        "user_received_account":"招商银行信用卡0403",\
        "amount":{"total":%d,"refund":%d,"payer_total":%d,"payer_refund":%d}}\
        """
                .formatted(
                        json(mchId),
                        randomDigits(23),
                        json(outTradeNo),
                        randomDigits(24),
                        json(outRefundNo),
                        json(refundStatus),
                        successTime,
                        total,
                        refund,
                        total,
                        refund);
    }

    // ---- notifications ----

    /** A {@code TRANSACTION.SUCCESS} notification carrying this transaction JSON. */
    public Builder payment(String transactionJson) {
        return new Builder(transactionJson, "TRANSACTION.SUCCESS", "transaction", "支付成功");
    }

    /**
     * A {@code REFUND.SUCCESS} notification carrying this refund JSON; change it with eventType().
     */
    public Builder refund(String refundJson) {
        return new Builder(refundJson, "REFUND.SUCCESS", "refund", "退款成功");
    }

    /**
     * Any bytes as the body, signed with {@code key} at {@code timestamp}: for bodies the builder
     * cannot make (not JSON, not UTF-8, deeply nested).
     */
    public SignedRequest rawRequest(byte[] body, Instant timestamp, SigningKey key) {
        String time = Long.toString(timestamp.getEpochSecond());
        String nonce = randomText(32).toUpperCase(Locale.ROOT);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put(TIMESTAMP, List.of(time));
        headers.put(NONCE, List.of(nonce));
        headers.put(SIGNATURE, List.of(Base64.getEncoder().encodeToString(sign(key.privateKey(), time, nonce, body))));
        headers.put(SERIAL, List.of(key.serial()));
        headers.put(SIGNATURE_TYPE, List.of(RSA_SIGNATURE_TYPE));
        return new SignedRequest(headers, body);
    }

    /**
     * One notification under construction; every part can be set, then {@link #build()} signs it.
     */
    public final class Builder {
        private byte[] plaintext;
        private String id = UUID.randomUUID().toString();
        private String createTime =
                OffsetDateTime.now(CHINA).truncatedTo(ChronoUnit.SECONDS).format(RFC3339);
        private String resourceType = "encrypt-resource";
        private String eventType;
        private String summary;
        private String originalType;
        private String algorithm = AEAD_AES_256_GCM;
        private String associatedData;
        private String gcmNonce = randomText(12);
        private String timestamp = Long.toString(Instant.now().getEpochSecond());
        private String nonce = randomText(32).toUpperCase(Locale.ROOT);
        private SigningKey signingKey = key();
        private String serial;
        private String signatureType = RSA_SIGNATURE_TYPE;
        private boolean signtest;
        private UnaryOperator<String> bodyEditor = UnaryOperator.identity();
        private final Set<Tamper> tampers = EnumSet.noneOf(Tamper.class);

        private Builder(String plaintext, String eventType, String originalType, String summary) {
            this.plaintext = plaintext.getBytes(StandardCharsets.UTF_8);
            this.eventType = eventType;
            this.originalType = originalType;
            this.associatedData = originalType;
            this.summary = summary;
        }

        /** The resource as exact bytes (e.g. not UTF-8), instead of the JSON given at the start. */
        public Builder resourceBytes(byte[] value) {
            plaintext = value.clone();
            return this;
        }

        public Builder id(String value) {
            id = value;
            return this;
        }

        public Builder createTime(String value) {
            createTime = value;
            return this;
        }

        public Builder resourceType(String value) {
            resourceType = value;
            return this;
        }

        public Builder eventType(String value) {
            eventType = value;
            return this;
        }

        public Builder summary(String value) {
            summary = value;
            return this;
        }

        public Builder originalType(String value) {
            originalType = value;
            return this;
        }

        public Builder algorithm(String value) {
            algorithm = value;
            return this;
        }

        /** Used both to encrypt and in the envelope; may be empty. */
        public Builder associatedData(String value) {
            associatedData = value;
            return this;
        }

        /** The 12-character GCM nonce in {@code resource.nonce}. */
        public Builder gcmNonce(String value) {
            gcmNonce = value;
            return this;
        }

        public Builder timestamp(Instant value) {
            return timestamp(Long.toString(value.getEpochSecond()));
        }

        /** The {@code Wechatpay-Timestamp} text as sent and signed. */
        public Builder timestamp(String value) {
            timestamp = value;
            return this;
        }

        /** The {@code Wechatpay-Nonce} header. */
        public Builder nonce(String value) {
            nonce = value;
            return this;
        }

        public Builder signedWith(SigningKey key) {
            signingKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /** The {@code Wechatpay-Serial} sent; defaults to the signing key's own serial. */
        public Builder serial(String value) {
            serial = value;
            return this;
        }

        /** The {@code Wechatpay-Signature-Type} sent; null leaves the header out. */
        public Builder signatureType(String value) {
            signatureType = value;
            return this;
        }

        /** Send WeChat's deliberate bad-signature probe instead of a signature. */
        public Builder signtest() {
            signtest = true;
            return this;
        }

        /** Rewrites the envelope text before it is signed, e.g. to add whitespace. */
        public Builder editBody(UnaryOperator<String> editor) {
            bodyEditor = Objects.requireNonNull(editor, "editor");
            return this;
        }

        public Builder tamper(Tamper... what) {
            tampers.addAll(Arrays.asList(what));
            return this;
        }

        public SignedRequest build() {
            byte[] sealed = encrypt(
                    plaintext,
                    gcmNonce.getBytes(StandardCharsets.UTF_8),
                    associatedData.getBytes(StandardCharsets.UTF_8));
            if (tampers.contains(Tamper.CIPHERTEXT)) {
                sealed[0] ^= 0x01;
            }
            if (tampers.contains(Tamper.TAG)) {
                sealed[sealed.length - 1] ^= 0x01;
            }
            String envelopeAad = tampers.contains(Tamper.ASSOCIATED_DATA) ? flipOneBit(associatedData) : associatedData;
            String envelopeNonce = tampers.contains(Tamper.NONCE) ? flipOneBit(gcmNonce) : gcmNonce;
            // written by hand, compact, as WeChat sends it; editBody() can change any byte
            String envelope =
                    """
                    {"id":"%s","create_time":"%s","resource_type":"%s","event_type":"%s",\
                    "summary":"%s","resource":{"original_type":"%s","algorithm":"%s",\
                    "ciphertext":"%s","associated_data":"%s","nonce":"%s"}}\
                    """
                            .formatted(
                                    json(id),
                                    json(createTime),
                                    json(resourceType),
                                    json(eventType),
                                    json(summary),
                                    json(originalType),
                                    json(algorithm),
                                    Base64.getEncoder().encodeToString(sealed),
                                    json(envelopeAad),
                                    json(envelopeNonce));
            byte[] body = bodyEditor.apply(envelope).getBytes(StandardCharsets.UTF_8);

            String signature;
            if (signtest) {
                byte[] noise = new byte[256];
                RANDOM.nextBytes(noise);
                signature = SIGNTEST_PREFIX + Base64.getEncoder().encodeToString(noise);
            } else {
                byte[] signed = sign(signingKey.privateKey(), timestamp, nonce, body);
                if (tampers.contains(Tamper.SIGNATURE)) {
                    signed[signed.length / 2] ^= 0x01;
                }
                signature = Base64.getEncoder().encodeToString(signed);
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            headers.put(TIMESTAMP, List.of(timestamp));
            headers.put(NONCE, List.of(nonce));
            headers.put(SIGNATURE, List.of(signature));
            headers.put(SERIAL, List.of(serial != null ? serial : signingKey.serial()));
            if (signatureType != null) {
                headers.put(SIGNATURE_TYPE, List.of(signatureType));
            }
            return new SignedRequest(headers, body);
        }

        private byte[] encrypt(byte[] content, byte[] iv, byte[] aad) {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(
                        Cipher.ENCRYPT_MODE,
                        new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
                        new GCMParameterSpec(128, iv));
                cipher.updateAAD(aad);
                return cipher.doFinal(content);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** SHA256withRSA over {@code timestamp\nnonce\nbody\n}, the bytes WeChat signs. */
    public static byte[] sign(PrivateKey key, String timestamp, String nonce, byte[] body) {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
            signer.update(body);
            signer.update((byte) '\n');
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An editor that spreads unusual but valid JSON whitespace (spaces, tabs, CR LF) around every
     * {@code :} and {@code ,} outside strings.
     */
    public static UnaryOperator<String> oddWhitespace() {
        return text -> {
            StringBuilder out = new StringBuilder(text.length() * 2).append(" \r\n");
            boolean inString = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (inString && c == '\\') {
                    out.append(c).append(text.charAt(++i));
                    continue;
                }
                if (c == '"') {
                    inString = !inString;
                }
                if (!inString && (c == ':' || c == ',')) {
                    out.append(" \t").append(c).append("\r\n    ");
                } else {
                    out.append(c);
                }
            }
            return out.append("\n\t ").toString();
        };
    }

    static String pemBlock(String label, byte[] der) {
        return "-----BEGIN "
                + label
                + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END "
                + label
                + "-----\n";
    }

    /** JSON string content: quotes, backslashes and control characters escaped, the rest as is. */
    static String json(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** One bit of one character, kept a plain printable character so the JSON stays valid. */
    static String flipOneBit(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("nothing to flip in an empty value");
        }
        char[] chars = value.toCharArray();
        int bit = 0;
        char flipped;
        do {
            flipped = (char) (chars[0] ^ (1 << bit++));
        } while (flipped < 0x20 || flipped >= 0x7f || flipped == '"' || flipped == '\\');
        chars[0] = flipped;
        return new String(chars);
    }

    private static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static String randomText(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return out.toString();
    }

    private static String randomDigits(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(RANDOM.nextInt(10));
        }
        return out.toString();
    }
}
