package com.minishop.payment.wechat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two primitives, with one {@link Signature} and one {@link Cipher} per thread: looking them up
 * per call costs more than the AES work on a typical notification. Both are re-initialised on every
 * use, so no state leaks from one notification to the next.
 */
final class Crypto {

    static final int GCM_NONCE_BYTES = 12;
    static final int GCM_TAG_BITS = 128;

    private static final ThreadLocal<Signature> SHA256_WITH_RSA =
            ThreadLocal.withInitial(() -> newInstance(() -> Signature.getInstance("SHA256withRSA")));
    private static final ThreadLocal<Cipher> AES_GCM =
            ThreadLocal.withInitial(() -> newInstance(() -> Cipher.getInstance("AES/GCM/NoPadding")));

    private Crypto() {}

    /**
     * SHA256withRSA over {@code timestamp\nnonce\nbody\n}, fed piece by piece: the body is not
     * copied.
     */
    static boolean verify(PublicKey key, String timestamp, String nonce, byte[] body, byte[] signature) {
        Signature verifier = SHA256_WITH_RSA.get();
        try {
            verifier.initVerify(key);
            verifier.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            verifier.update((byte) '\n');
            verifier.update(nonce.getBytes(StandardCharsets.US_ASCII));
            verifier.update((byte) '\n');
            verifier.update(body);
            verifier.update((byte) '\n');
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false; // e.g. a signature of the wrong length for the key
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("platform key rejected by SHA256withRSA", e);
        }
    }

    /** AES-256-GCM decryption; the tag (last 16 bytes of ciphertext) is always checked. */
    static byte[] decrypt(SecretKeySpec key, byte[] nonce, byte[] associatedData, byte[] ciphertext)
            throws AEADBadTagException {
        Cipher cipher = AES_GCM.get();
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(GCM_TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable or misused", e);
        }
    }

    private interface Factory<T> {
        T create() throws GeneralSecurityException;
    }

    private static <T> T newInstance(Factory<T> factory) {
        try {
            return factory.create();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM lacks a required algorithm", e);
        }
    }
}
