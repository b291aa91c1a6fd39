package com.minishop.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class ApiKeySecretTest {

    @Test
    void aKeyCarriesItsTenantAndIdPubliclyAnd256RandomBits() {
        var secret = ApiKeySecret.generate(42, 1050);
        String text = secret.text();
        assertThat(text).startsWith("mpay_42_1050_");
        assertThat(Base64.getUrlDecoder().decode(secret.secret())).hasSize(32);
        assertThat(ApiKeySecret.generate(42, 1050).secret()).isNotEqualTo(secret.secret());
        assertThat(ApiKeySecret.parse(text)).isEqualTo(secret);
    }

    @Test
    void onlyTheHashOfTheSecretIsKeptAndItsTextNeverPrinted() {
        var secret = ApiKeySecret.generate(7, 50);
        assertThat(secret.hash())
                .hasSize(32)
                .isEqualTo(ApiKeySecret.parse(secret.text()).hash());
        assertThat(secret.toString()).startsWith("mpay_7_50_").doesNotContain(secret.secret());
    }

    @Test
    void anythingElseIsNotAKey() {
        String secret = ApiKeySecret.generate(1, 1).secret();
        for (String text : new String[] {
            null,
            "",
            "mpay_1_1_",
            "mpay_1_1_" + secret.substring(1),
            "mpay_1_1_" + secret + "A",
            "mpay_0_1_" + secret,
            "mpay_-1_1_" + secret,
            "mpay_1_01_" + secret,
            "mpay_99999999999999999999_1_" + secret,
            "mpay_1_1_" + secret.substring(1) + "=",
            "xpay_1_1_" + secret,
            "mpay_1_1_" + secret + "\n",
            "x".repeat(10_000)
        }) {
            assertThat(ApiKeySecret.parse(text)).as(String.valueOf(text)).isNull();
        }
    }
}
