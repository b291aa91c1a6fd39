package com.minishop.tenant;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Encrypts merchant secrets at rest with AES-256-GCM under the key-encryption key {@code PAYMENT_KEK}
 * (32 bytes, Base64). The tenant id is the associated data, so a ciphertext copied into another tenant's
 * row does not decrypt. Stored form: version byte, 12-byte nonce, ciphertext with 16-byte tag.
 */
@ApplicationScoped
public class KeyEncryption {

    private static final Logger LOG = Logger.getLogger(KeyEncryption.class.getName());
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();

    @Inject
    @ConfigProperty(name = "PAYMENT_KEK")
    Optional<String> configuredKek;

    private SecretKey kek;

    /** What a merchant's API private key is encrypted for: bound in beside the tenant. */
    public static final String PRIVATE_KEY = "merchant-private-key";

    private static final String API_V3_KEY = "merchant-secret";

    public KeyEncryption() {}

    /** For unit tests: a key-encryption key given directly. */
    public KeyEncryption(byte[] kek) {
        this.kek = toKey(kek);
    }

    @PostConstruct
    void init() {
        if (configuredKek.isEmpty()) {
            LOG.severe("PAYMENT_KEK is not set: merchant accounts can be neither stored nor used");
            return;
        }
        try {
            kek = toKey(Base64.getDecoder().decode(configuredKek.get().trim()));
        } catch (IllegalArgumentException e) {
            LOG.severe("PAYMENT_KEK is not Base64 of 32 bytes: merchant accounts can be neither stored nor used");
        }
    }

    private static SecretKey toKey(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("the key-encryption key must be 32 bytes");
        }
        return new SecretKeySpec(raw, "AES");
    }

    public byte[] encrypt(long tenantId, byte[] plaintext) {
        return encrypt(tenantId, API_V3_KEY, plaintext);
    }

    public byte[] decrypt(long tenantId, byte[] stored) {
        return decrypt(tenantId, API_V3_KEY, stored);
    }

    /**
     * Encrypts one kind of secret ({@code purpose}) of the tenant: a ciphertext moved to another tenant's
     * row or to another column does not decrypt.
     */
    public byte[] encrypt(long tenantId, String purpose, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, tenantId, purpose, nonce);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(VERSION)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a merchant secret", e);
        }
    }

    public byte[] decrypt(long tenantId, String purpose, byte[] stored) {
        if (stored == null || stored.length < 1 + NONCE_BYTES + TAG_BITS / 8 || stored[0] != VERSION) {
            throw new IllegalStateException("stored merchant secret of tenant " + tenantId + " has an unknown format");
        }
        try {
            byte[] nonce = java.util.Arrays.copyOfRange(stored, 1, 1 + NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, tenantId, purpose, nonce);
            return cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            // wrong PAYMENT_KEK, or a row moved between tenants
            throw new IllegalStateException("stored merchant secret of tenant " + tenantId + " does not decrypt", e);
        }
    }

    /** A private key as {@link #encrypt} stored it (PKCS#8 DER). */
    static java.security.PrivateKey privateKey(byte[] pkcs8) {
        try {
            return java.security.KeyFactory.getInstance("RSA")
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored merchant private key does not parse", e);
        }
    }

    private Cipher cipher(int mode, long tenantId, String purpose, byte[] nonce) throws GeneralSecurityException {
        if (kek == null) {
            throw new IllegalStateException("PAYMENT_KEK is not configured");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, kek, new GCMParameterSpec(TAG_BITS, nonce));
        // the APIv3 key's associated data stays "merchant-secret:<tenant>", as stored before purposes existed
        cipher.updateAAD((purpose + ":" + tenantId).getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }
}
