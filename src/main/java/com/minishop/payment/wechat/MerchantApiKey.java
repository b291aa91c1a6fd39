package com.minishop.payment.wechat;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a merchant signs its API requests with: the merchant API certificate's serial (hex, sent as
 * {@code serial_no}) and that certificate's RSA private key. Error messages and {@link #toString()}
 * never contain key material.
 */
public final class MerchantApiKey {

    private static final Pattern SERIAL = Pattern.compile("[0-9A-Fa-f]{1,64}");

    private final String serial;
    private final PrivateKey privateKey;

    public MerchantApiKey(String serial, PrivateKey privateKey) {
        this.serial = requireSerial(serial);
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        if (!(privateKey instanceof RSAPrivateKey rsa)) {
            throw new IllegalArgumentException("the merchant private key is not RSA");
        }
        if (rsa.getModulus().bitLength() < PlatformKey.MIN_RSA_BITS) {
            throw new IllegalArgumentException("the merchant private key is RSA-"
                    + rsa.getModulus().bitLength() + ", at least RSA-" + PlatformKey.MIN_RSA_BITS + " is required");
        }
    }

    /** Upper-case hex, as WeChat shows the serial. */
    public static String requireSerial(String serial) {
        if (serial == null || !SERIAL.matcher(serial).matches()) {
            throw new IllegalArgumentException("the merchant certificate serial must be 1 to 64 hex digits");
        }
        return serial.toUpperCase(java.util.Locale.ROOT);
    }

    /** A PKCS#8 {@code PRIVATE KEY} PEM block holding an RSA key of at least 2048 bits. */
    public static MerchantApiKey fromPem(String serial, String pem) {
        return new MerchantApiKey(serial, parsePrivateKey(pem));
    }

    /** The key of a PKCS#8 PEM; the message of a refusal names no key material. */
    public static PrivateKey parsePrivateKey(String pem) {
        if (pem == null) {
            throw new IllegalArgumentException("the merchant private key is missing");
        }
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int from = pem.indexOf(begin);
        int to = from < 0 ? -1 : pem.indexOf(end, from + begin.length());
        if (to < 0) {
            throw new IllegalArgumentException("the merchant private key must be a PKCS#8 PEM (BEGIN PRIVATE KEY)");
        }
        byte[] der;
        try {
            der = Base64.getDecoder()
                    .decode(pem.substring(from + begin.length(), to).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the merchant private key PEM is not valid Base64");
        }
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            if (!(key instanceof RSAPrivateCrtKey) && !(key instanceof RSAPrivateKey)) {
                throw new IllegalArgumentException("the merchant private key is not RSA");
            }
            return key;
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("the merchant private key is not a PKCS#8 RSA private key");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no RSA", e);
        }
    }

    public String serial() {
        return serial;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "MerchantApiKey[serial=" + serial + ", privateKey=(hidden)]";
    }
}
