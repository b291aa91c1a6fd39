package com.minishop.payment.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NotificationHeadersTest {

    @Test
    void fromACaseInsensitiveLookupLikeJaxRs() {
        Map<String, List<String>> received = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        received.put("wechatpay-timestamp", List.of("1740801600"));
        received.put("WECHATPAY-NONCE", List.of("N"));
        received.put("Wechatpay-Signature", List.of("S"));
        received.put("Wechatpay-Serial", List.of("PUB_KEY_ID_1"));

        NotificationHeaders headers = NotificationHeaders.from(received::get);

        assertThat(headers.timestamp()).isEqualTo("1740801600");
        assertThat(headers.nonce()).isEqualTo("N");
        assertThat(headers.signature()).isEqualTo("S");
        assertThat(headers.serial()).isEqualTo("PUB_KEY_ID_1");
        assertThat(headers.signatureType()).isNull();
        assertThat(headers.repeatedHeader()).isNull();
    }

    @Test
    void aRepeatedHeaderIsRememberedNotChosen() {
        NotificationHeaders headers = NotificationHeaders.fromMap(Map.of(
                "Wechatpay-Serial", List.of("A"), "wechatpay-serial", List.of("B"), "Wechatpay-Nonce", List.of("N")));

        assertThat(headers.serial()).isNull();
        assertThat(headers.repeatedHeader()).isEqualTo("Wechatpay-Serial");
        assertThat(headers.nonce()).isEqualTo("N");
    }

    @Test
    void emptyValueListsCountAsAbsent() {
        NotificationHeaders headers = NotificationHeaders.fromMap(Map.of("Wechatpay-Nonce", List.of()));

        assertThat(headers.nonce()).isNull();
        assertThat(headers.repeatedHeader()).isNull();
    }
}
