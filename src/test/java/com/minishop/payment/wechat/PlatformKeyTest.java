package com.minishop.payment.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.minishop.payment.wechat.WechatPayTestSigner.SigningKey;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformKeyTest {

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofDays(1825));
    private static final SigningKey PUBLIC_KEY = WechatPayTestSigner.newPublicKey();
    private static final SigningKey CERTIFICATE = WechatPayTestSigner.newCertificate(START, END);

    @Test
    void publicKeyFromPem() {
        PlatformKey key = PlatformKey.fromPublicKeyPem(PUBLIC_KEY.serial(), PUBLIC_KEY.publicKeyPem());

        assertThat(key.serial()).isEqualTo(PUBLIC_KEY.serial());
        assertThat(key.publicKey()).isEqualTo(PUBLIC_KEY.keyPair().getPublic());
        assertThat(key.isCertificate()).isFalse();
        assertThat(key.notBefore()).isNull();
        assertThat(key.validAt(Instant.EPOCH)).isTrue();
        assertThat(key.validAt(Instant.parse("2999-01-01T00:00:00Z"))).isTrue();
    }

    @Test
    void certificateFromPem() {
        PlatformKey key = PlatformKey.fromCertificatePem(CERTIFICATE.serial(), CERTIFICATE.certificatePem());

        assertThat(key.isCertificate()).isTrue();
        assertThat(key.publicKey()).isEqualTo(CERTIFICATE.keyPair().getPublic());
        assertThat(key.notBefore()).isEqualTo(START);
        assertThat(key.notAfter()).isEqualTo(END);
        assertThat(key.validAt(START)).isTrue();
        assertThat(key.validAt(END)).isTrue();
        assertThat(key.validAt(START.minusSeconds(1))).isFalse();
        assertThat(key.validAt(END.plusSeconds(1))).isFalse();
    }

    @Test
    void certificateSerialInAnyCaseAndWithLeadingZeros() {
        for (String serial : new String[] {CERTIFICATE.serial().toLowerCase(), "000" + CERTIFICATE.serial()}) {
            assertThat(PlatformKey.fromCertificatePem(serial, CERTIFICATE.certificatePem())
                            .serial())
                    .isEqualTo(serial);
        }
    }

    @Test
    void certificateSerialMustBeTheCertificatesOwn() {
        String other =
                new BigInteger(CERTIFICATE.serial(), 16).add(BigInteger.ONE).toString(16);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> PlatformKey.fromCertificatePem(other, CERTIFICATE.certificatePem()))
                .withMessageContaining("does not match the certificate's serial number");
    }

    @Test
    void publicKeyIdGivenWithACertificate() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PlatformKey.fromCertificatePem(PUBLIC_KEY.serial(), CERTIFICATE.certificatePem()))
                .withMessageContaining("is a public key id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567890", "pub_key_id_0114", "PUB_KEY_ID_", "PUB_KEY_ID_01 14", "PUB_KEY_ID_密钥"})
    void publicKeySerialMustBeAPublicKeyId(String serial) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PlatformKey.fromPublicKeyPem(serial, PUBLIC_KEY.publicKeyPem()))
                .withMessageContaining("PUB_KEY_ID_");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "XYZ", "12 34", "0x1234"})
    void certificateSerialMustBeHex(String serial) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PlatformKey.fromCertificatePem(serial, CERTIFICATE.certificatePem()))
                .withMessageContaining("hex");
    }

    @Test
    void pemThatDoesNotParse() {
        String pem = PUBLIC_KEY.publicKeyPem();
        String body = pem.substring(pem.indexOf('\n') + 1, pem.indexOf('\n') + 40);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> PlatformKey.fromPublicKeyPem(PUBLIC_KEY.serial(), "hello"))
                .withMessage("not a PEM PUBLIC KEY block");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PlatformKey.fromPublicKeyPem(PUBLIC_KEY.serial(), pem.replace(body, "%%%%")))
                .withMessage("PEM PUBLIC KEY block is not valid Base64");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> PlatformKey.fromPublicKeyPem(PUBLIC_KEY.serial(), pem.replace(body, body.substring(4))))
                .withMessageNotContaining(body.substring(8, 30))
                .withMessageContaining("not an RSA public key");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PlatformKey.fromCertificatePem(CERTIFICATE.serial(), PUBLIC_KEY.publicKeyPem()))
                .withMessageContaining("not a PEM X.509 certificate");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PlatformKey.fromPublicKeyPem(PUBLIC_KEY.serial(), CERTIFICATE.certificatePem()))
                .withMessage("not a PEM PUBLIC KEY block");
    }

    @Test
    void keyThatIsNotRsa() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        String pem = WechatPayTestSigner.pemBlock(
                "PUBLIC KEY", ec.generateKeyPair().getPublic().getEncoded());

        assertThatIllegalArgumentException()
                .isThrownBy(() -> PlatformKey.fromPublicKeyPem(PUBLIC_KEY.serial(), pem))
                .withMessageContaining("not an RSA public key");
    }

    @Test
    void rsaUnder2048Bits() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        KeyPair weak = rsa.generateKeyPair();
        SigningKey weakCertificate = WechatPayTestSigner.newCertificate(weak, BigInteger.TEN, START, END);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> PlatformKey.fromPublicKeyPem(
                        PUBLIC_KEY.serial(),
                        WechatPayTestSigner.pemBlock(
                                "PUBLIC KEY", weak.getPublic().getEncoded())))
                .withMessage("platform key is RSA-1024, at least RSA-2048 is required");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PlatformKey.fromCertificatePem("A", weakCertificate.certificatePem()))
                .withMessageContaining("RSA-1024");
    }

    @Test
    void validityNeedsBothEndsInOrder() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PlatformKey("AB", CERTIFICATE.keyPair().getPublic(), START, null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PlatformKey("AB", CERTIFICATE.keyPair().getPublic(), END, START));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PlatformKey("AB", CERTIFICATE.keyPair().getPublic(), null, null))
                .withMessageContaining("PUB_KEY_ID_");
    }

    @Test
    void toStringNamesTheKeyNotItsMaterial() {
        PlatformKey key = PlatformKey.fromPublicKeyPem(PUBLIC_KEY.serial(), PUBLIC_KEY.publicKeyPem());

        assertThat(key.toString()).isEqualTo("PlatformKey[public key " + PUBLIC_KEY.serial() + "]");
    }
}
