package com.minishop.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.minishop.payment.wechat.MerchantCredentials;
import com.minishop.payment.wechat.PlatformKey;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MerchantCredentialsCacheTest {

    private static MerchantCredentials credentials;

    @BeforeAll
    static void credentials() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var key = new PlatformKey("PUB_KEY_ID_1", generator.generateKeyPair().getPublic(), null, null);
        credentials = MerchantCredentials.of("wx1", "1900000001", "0123456789abcdef0123456789abcdef", List.of(key));
    }

    @Test
    void loadsOnceAndServesFromMemory() {
        var cache = new MerchantCredentialsCache();
        var loads = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            assertThat(cache.get(7, () -> {
                        loads.incrementAndGet();
                        return Optional.of(credentials);
                    }))
                    .containsSame(credentials);
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void anInvalidationDropsTheEntry() {
        var cache = new MerchantCredentialsCache();
        var loads = new AtomicInteger();
        cache.get(7, () -> {
            loads.incrementAndGet();
            return Optional.of(credentials);
        });
        cache.invalidate(7);
        assertThat(cache.get(7, () -> {
                    loads.incrementAndGet();
                    return Optional.empty();
                }))
                .isEmpty();
        assertThat(loads).hasValue(2);
    }

    @Test
    void whatWasReadWhileTheAccountWasReplacedIsUsedOnceButNotKept() {
        var cache = new MerchantCredentialsCache();
        // the old account is read, and the replacement commits (invalidating) before the read returns
        assertThat(cache.get(7, () -> {
                    cache.invalidate(7);
                    return Optional.of(credentials);
                }))
                .containsSame(credentials);
        var loads = new AtomicInteger();
        cache.get(7, () -> {
            loads.incrementAndGet();
            return Optional.of(credentials);
        });
        assertThat(loads).as("the stale read was not cached").hasValue(1);
    }

    @Test
    void anUnknownSerialReloadsAtMostEveryFewSeconds() {
        var cache = new MerchantCredentialsCache();
        cache.get(7, () -> Optional.of(credentials));
        assertThat(cache.reloadIfStale(7, () -> Optional.of(credentials))).isFalse();
        assertThat(cache.reloadIfStale(8, () -> Optional.empty())).isTrue();
    }
}
