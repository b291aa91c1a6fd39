package com.minishop.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.minishop.payment.wechat.WechatPayTestSigner;
import com.minishop.web.InvalidInputException;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The merchant's API credentials: both fields or neither, a PKCS#8 RSA key of at least 2048 bits. */
class MerchantApiAccessRequestTest {

    private static final String SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";

    private static MerchantAccountRequest request(String serial, String pem) {
        return new MerchantAccountRequest("wx1", "1900000001", "K".repeat(32), List.of(), serial, pem);
    }

    static String pem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static String field(MerchantAccountRequest request) {
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidInputException.class, request::apiKey);
        assertThat(e).isNotNull();
        return e.field();
    }

    @Test
    void bothOrNeither() {
        String pem = pem(WechatPayTestSigner.newRsaKeyPair().getPrivate().getEncoded());
        assertThat(request(null, null).apiKey()).isEmpty();
        assertThat(request(SERIAL.toLowerCase(), pem).apiKey()).get().satisfies(k -> {
            assertThat(k.serial()).isEqualTo(SERIAL);
            assertThat(k.toString()).doesNotContain(pem.substring(30, 60));
        });
        assertThat(field(request(SERIAL, null))).isEqualTo("merchantPrivateKeyPem");
        assertThat(field(request(null, pem))).isEqualTo("merchantCertificateSerial");
        assertThat(field(request("not-hex", pem))).isEqualTo("merchantCertificateSerial");
    }

    @Test
    void onlyAPkcs8RsaKeyOfAtLeast2048Bits() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        var weak = pem(generator.generateKeyPair().getPrivate().getEncoded());
        var ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        var elliptic = pem(ec.generateKeyPair().getPrivate().getEncoded());
        for (String bad : new String[] {
            weak, elliptic, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----", "x"
        }) {
            assertThat(field(request(SERIAL, bad))).isEqualTo("merchantPrivateKeyPem");
        }
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(
                InvalidInputException.class, () -> request(SERIAL, weak).apiKey());
        assertThat(e.getMessage()).contains("2048").doesNotContain(weak.substring(30, 60));
    }

    @Test
    void toStringHidesThePrivateKey() {
        String pem = pem(WechatPayTestSigner.newRsaKeyPair().getPrivate().getEncoded());
        assertThat(request(SERIAL, pem).toString())
                .doesNotContain(pem.substring(30, 60))
                .contains("***");
        assertThatThrownBy(() -> request(SERIAL, "x").apiKey()).isInstanceOf(InvalidInputException.class);
    }
}
