package com.minishop.payment.wechat;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * One key that WeChat Pay signs a tenant's notifications with: either a WeChat Pay public key,
 * whose serial is its id ({@code PUB_KEY_ID_...}) and which has no validity period, or a platform
 * certificate, whose serial is the certificate's hex serial number and which is valid from {@code
 * notBefore} to {@code notAfter} inclusive. The certificate chain is not checked: the keys come
 * from the merchant platform through the admin API, which is the trust anchor here (as in the
 * official SDK). Error messages never contain key material.
 */
public record PlatformKey(String serial, PublicKey publicKey, Instant notBefore, Instant notAfter) {

    public static final String PUBLIC_KEY_ID_PREFIX = "PUB_KEY_ID_";
    public static final int MIN_RSA_BITS = 2048;
    private static final int MAX_SERIAL_LENGTH = 64;

    public PlatformKey {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(publicKey, "publicKey");
        requireStrongRsa(publicKey);
        if ((notBefore == null) != (notAfter == null)) {
            throw new IllegalArgumentException("give both notBefore and notAfter, or neither");
        }
        if (notBefore == null) {
            requirePublicKeyId(serial);
        } else {
            requireCertificateSerial(serial);
            if (notAfter.isBefore(notBefore)) {
                throw new IllegalArgumentException("notAfter is before notBefore for serial " + serial);
            }
        }
    }

    /**
     * A WeChat Pay public key: {@code serial} is its {@code PUB_KEY_ID_...}, pem a PUBLIC KEY
     * block.
     */
    public static PlatformKey fromPublicKeyPem(String serial, String pem) {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(pem, "pem");
        requirePublicKeyId(serial);
        byte[] der = pemBody(pem, "PUBLIC KEY");
        PublicKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (InvalidKeySpecException | ClassCastException e) {
            throw new IllegalArgumentException("PEM PUBLIC KEY for " + serial + " is not an RSA public key");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no RSA", e);
        }
        return new PlatformKey(serial, key, null, null);
    }

    /**
     * A platform certificate: {@code serial} must be the certificate's serial number in hex (any
     * case, leading zeros tolerated), pem a CERTIFICATE block.
     */
    public static PlatformKey fromCertificatePem(String serial, String pem) {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(pem, "pem");
        requireCertificateSerial(serial);
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
        } catch (CertificateException | ClassCastException e) {
            throw new IllegalArgumentException("not a PEM X.509 certificate (serial " + serial + ")");
        }
        if (!new BigInteger(serial, 16).equals(certificate.getSerialNumber())) {
            throw new IllegalArgumentException("serial "
                    + serial
                    + " does not match the certificate's serial number "
                    + certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT));
        }
        return new PlatformKey(
                serial,
                certificate.getPublicKey(),
                certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant());
    }

    public boolean isCertificate() {
        return notBefore != null;
    }

    /** Public keys are always valid; a certificate from notBefore to notAfter, both inclusive. */
    public boolean validAt(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return notBefore == null || (!instant.isBefore(notBefore) && !instant.isAfter(notAfter));
    }

    /**
     * The form serials are compared in: public key ids as they are, hex serials upper-case without
     * leading zeros (WeChat sends upper-case; an admin may paste either).
     */
    static String canonicalSerial(String serial) {
        if (serial.startsWith(PUBLIC_KEY_ID_PREFIX) || !isHex(serial)) {
            return serial;
        }
        int first = 0;
        while (first < serial.length() - 1 && serial.charAt(first) == '0') {
            first++;
        }
        return serial.substring(first).toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return isCertificate()
                ? "PlatformKey[certificate " + serial + ", valid " + notBefore + " to " + notAfter + "]"
                : "PlatformKey[public key " + serial + "]";
    }

    private static void requireStrongRsa(PublicKey key) {
        if (!(key instanceof RSAPublicKey rsa)) {
            throw new IllegalArgumentException("platform key is not RSA: " + key.getAlgorithm());
        }
        int bits = rsa.getModulus().bitLength();
        if (bits < MIN_RSA_BITS) {
            throw new IllegalArgumentException(
                    "platform key is RSA-" + bits + ", at least RSA-" + MIN_RSA_BITS + " is required");
        }
    }

    private static void requirePublicKeyId(String serial) {
        if (!serial.startsWith(PUBLIC_KEY_ID_PREFIX)) {
            throw new IllegalArgumentException(
                    "a WeChat Pay public key's serial must start with " + PUBLIC_KEY_ID_PREFIX);
        }
        if (serial.length() == PUBLIC_KEY_ID_PREFIX.length()
                || serial.length() > MAX_SERIAL_LENGTH
                || !serial.chars().allMatch(c -> c == '_' || Character.isLetterOrDigit(c) && c < 0x80)) {
            throw new IllegalArgumentException("public key id must be "
                    + PUBLIC_KEY_ID_PREFIX
                    + " followed by 1 to "
                    + (MAX_SERIAL_LENGTH - PUBLIC_KEY_ID_PREFIX.length())
                    + " ASCII letters, digits or underscores");
        }
    }

    private static void requireCertificateSerial(String serial) {
        if (serial.startsWith(PUBLIC_KEY_ID_PREFIX)) {
            throw new IllegalArgumentException(
                    "serial " + serial + " is a public key id; a certificate needs its hex serial number");
        }
        if (serial.isEmpty() || serial.length() > MAX_SERIAL_LENGTH || !isHex(serial)) {
            throw new IllegalArgumentException(
                    "a certificate serial must be 1 to " + MAX_SERIAL_LENGTH + " hex digits");
        }
    }

    private static boolean isHex(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static byte[] pemBody(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = from < 0 ? -1 : pem.indexOf(end, from + begin.length());
        if (to < 0) {
            throw new IllegalArgumentException("not a PEM " + label + " block");
        }
        String base64 = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM " + label + " block is not valid Base64");
        }
    }
}
