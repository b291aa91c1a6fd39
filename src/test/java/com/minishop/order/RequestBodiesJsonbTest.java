package com.minishop.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.minishop.tenant.MerchantAccountRequest;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

/**
 * The request records that also have a shorter constructor are read by JSON-B through their canonical
 * one, with absent fields null (JSON-B refuses a record with two constructors otherwise).
 */
class RequestBodiesJsonbTest {

    @Test
    void bodiesWithAndWithoutTheOptionalFields() throws Exception {
        try (var jsonb = JsonbBuilder.create()) {
            var order = jsonb.fromJson("{\"orderNo\":\"ORDER-0001\",\"amountTotal\":100}", NewOrderRequest.class);
            assertThat(order).isEqualTo(new NewOrderRequest("ORDER-0001", 100L, null, null, null));
            var expiring = jsonb.fromJson(
                    "{\"orderNo\":\"ORDER-0001\",\"amountTotal\":100,\"expiresAt\":\"2030-01-01T00:00:00+08:00\"}",
                    NewOrderRequest.class);
            assertThat(expiring.expiresAt()).isEqualTo("2030-01-01T00:00:00+08:00");
            var account = jsonb.fromJson(
                    "{\"appId\":\"wx1\",\"mchId\":\"1900\",\"merchantCertificateSerial\":\"AB\"}",
                    MerchantAccountRequest.class);
            assertThat(account.appId()).isEqualTo("wx1");
            assertThat(account.merchantCertificateSerial()).isEqualTo("AB");
            assertThat(account.merchantPrivateKeyPem()).isNull();
            assertThat(account.platformKeys()).isNull();
        }
    }
}
