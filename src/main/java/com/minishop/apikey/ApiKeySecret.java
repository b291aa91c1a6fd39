package com.minishop.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The text of a tenant key, {@code mpay_<tenantId>_<keyId>_<secret>}: a public prefix that says whose key
 * it is (so a leaked key can be recognised and revoked), and 32 random bytes of secret, Base64url. Only
 * the secret's SHA-256 is stored: with 256 random bits a fast hash suffices (nothing to guess, no
 * dictionary), and a slow one would cost every request. Never logged; {@link #toString} hides it.
 */
public record ApiKeySecret(long tenantId, long keyId, String secret) {

    static final String PREFIX = "mpay_";
    private static final int SECRET_BYTES = 32;
    private static final Pattern FORMAT =
            Pattern.compile("mpay_([1-9][0-9]{0,18})_([1-9][0-9]{0,18})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh secret for a new key. */
    static ApiKeySecret generate(long tenantId, long keyId) {
        byte[] raw = new byte[SECRET_BYTES];
        RANDOM.nextBytes(raw);
        return new ApiKeySecret(
                tenantId, keyId, Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
    }

    /** The key as the client sends it, or null when the text is not a key of ours (nothing of it is kept). */
    static ApiKeySecret parse(String text) {
        if (text == null || text.length() > 100) {
            return null;
        }
        var match = FORMAT.matcher(text);
        if (!match.matches()) {
            return null;
        }
        try {
            return new ApiKeySecret(Long.parseLong(match.group(1)), Long.parseLong(match.group(2)), match.group(3));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The public part: whose key, which key. */
    static String prefix(long tenantId, long keyId) {
        return PREFIX + tenantId + "_" + keyId;
    }

    /** The whole key, shown to the admin once. */
    String text() {
        return prefix(tenantId, keyId) + "_" + secret;
    }

    byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return prefix(tenantId, keyId) + "_…";
    }
}
