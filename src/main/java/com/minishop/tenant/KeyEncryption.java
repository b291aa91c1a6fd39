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
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, tenantId, nonce);
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

    public byte[] decrypt(long tenantId, byte[] stored) {
        if (stored == null || stored.length < 1 + NONCE_BYTES + TAG_BITS / 8 || stored[0] != VERSION) {
            throw new IllegalStateException("stored merchant secret of tenant " + tenantId + " has an unknown format");
        }
        try {
            byte[] nonce = java.util.Arrays.copyOfRange(stored, 1, 1 + NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, tenantId, nonce);
            return cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            // wrong PAYMENT_KEK, or a row moved between tenants
            throw new IllegalStateException("stored merchant secret of tenant " + tenantId + " does not decrypt", e);
        }
    }

    private Cipher cipher(int mode, long tenantId, byte[] nonce) throws GeneralSecurityException {
        if (kek == null) {
            throw new IllegalStateException("PAYMENT_KEK is not configured");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, kek, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(("merchant-secret:" + tenantId).getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }
}
