package com.minishop.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class KeyEncryptionTest {

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private final byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void roundTripsAndNeverStoresThePlaintext() {
        var encryption = new KeyEncryption(randomKey());
        byte[] stored = encryption.encrypt(7, secret);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("0123456789abcdef");
        assertThat(stored).hasSize(1 + 12 + secret.length + 16);
        assertThat(encryption.decrypt(7, stored)).isEqualTo(secret);
    }

    @Test
    void usesAFreshNonceEveryTime() {
        var encryption = new KeyEncryption(randomKey());
        assertThat(encryption.encrypt(7, secret)).isNotEqualTo(encryption.encrypt(7, secret));
    }

    @Test
    void aCiphertextMovedToAnotherTenantDoesNotDecrypt() {
        var encryption = new KeyEncryption(randomKey());
        byte[] stored = encryption.encrypt(7, secret);
        assertThatThrownBy(() -> encryption.decrypt(8, stored))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("0123456789abcdef");
    }

    @Test
    void anotherKeyOrATamperedCiphertextDoesNotDecrypt() {
        byte[] stored = new KeyEncryption(randomKey()).encrypt(7, secret);
        assertThatThrownBy(() -> new KeyEncryption(randomKey()).decrypt(7, stored))
                .isInstanceOf(IllegalStateException.class);
        var encryption = new KeyEncryption(randomKey());
        byte[] tampered = encryption.encrypt(7, secret);
        tampered[20] ^= 1;
        assertThatThrownBy(() -> encryption.decrypt(7, tampered)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> encryption.decrypt(7, new byte[5])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAKeyEncryptionKeyOfTheWrongSize() {
        assertThatThrownBy(() -> new KeyEncryption(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutAKeyEncryptionKeyNothingCanBeStored() {
        var unconfigured = new KeyEncryption();
        unconfigured.configuredKek = java.util.Optional.empty();
        unconfigured.init();
        assertThatThrownBy(() -> unconfigured.encrypt(7, secret)).hasMessageContaining("PAYMENT_KEK");
    }
}
