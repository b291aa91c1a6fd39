package com.minishop.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.minishop.payment.wechat.PlatformKey;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MerchantAccountTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 1, 10, 0, 0, 0, ZoneOffset.UTC);
    private static PublicKey publicKey;

    @BeforeAll
    static void generateKey() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        publicKey = generator.generateKeyPair().getPublic();
    }

    private static MerchantAccount.NewKey key(String serial, String pem) {
        return new MerchantAccount.NewKey(
                PlatformKeyType.PUBLIC_KEY, pem, new PlatformKey(serial, publicKey, null, null));
    }

    @Test
    void replacingKeepsKeysWithTheSameSerialInPlaceAndDropsTheOthers() {
        var account = new MerchantAccount(
                "wx1",
                "1900000001",
                new byte[] {1},
                List.of(key("PUB_KEY_ID_A", "a1"), key("PUB_KEY_ID_B", "b1")),
                NOW);
        MerchantPlatformKey keptA = account.platformKeys().get(0);

        account.replace(
                "wx2",
                "1900000002",
                new byte[] {2},
                List.of(key("PUB_KEY_ID_A", "a2"), key("PUB_KEY_ID_C", "c1")),
                NOW.plusDays(1));

        assertThat(account.platformKeys())
                .extracting(MerchantPlatformKey::serial)
                .containsExactly("PUB_KEY_ID_A", "PUB_KEY_ID_C");
        assertThat(account.platformKeys().get(0)).isSameAs(keptA);
        assertThat(keptA.pem()).isEqualTo("a2");
        assertThat(account.appId()).isEqualTo("wx2");
        assertThat(account.mchId()).isEqualTo("1900000002");
        assertThat(account.createdAt()).isEqualTo(NOW);
        assertThat(account.updatedAt()).isEqualTo(NOW.plusDays(1));
    }

    @Test
    void refusesNoKeysAndDuplicateSerials() {
        assertThatThrownBy(() -> new MerchantAccount("wx1", "1", new byte[] {1}, List.of(), NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MerchantAccount(
                        "wx1", "1", new byte[] {1}, List.of(key("PUB_KEY_ID_A", "a"), key("PUB_KEY_ID_A", "b")), NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
