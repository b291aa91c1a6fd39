package com.minishop.payment.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.minishop.payment.wechat.WechatPayTestSigner.SignedRequest;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WechatPayTestSignerTest {

    private static final WechatPayTestSigner SIGNER = WechatPayTestSigner.create();

    @Test
    void curlCommandSendsExactlyTheSignedBytesAndHeaders(@TempDir Path dir) throws Exception {
        assumeTrue(new File("/bin/bash").canExecute(), "needs bash");
        SignedRequest request = SIGNER.payment(NotificationFixtures.transaction("O-'quoted'-1", 100))
                .summary("支付成功 it's $HOME `x` \\n %s")
                .editBody(WechatPayTestSigner.oddWhitespace())
                .build();
        Path body = dir.resolve("body");
        Path args = dir.resolve("args");
        // a stand-in curl that keeps its standard input and arguments
        String script = "curl() { cat > '"
                + body
                + "'; printf '%s\\n' \"$@\" > '"
                + args
                + "'; }\n"
                + request.toCurl("https://shop.example/api/wechat/notify/tenant-1");

        Process bash = new ProcessBuilder("/bin/bash", "-c", script)
                .redirectErrorStream(true)
                .start();
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue())
                .as(new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();

        assertThat(Files.readAllBytes(body)).isEqualTo(request.body());
        assertThat(Files.readAllLines(args))
                .contains(
                        "https://shop.example/api/wechat/notify/tenant-1",
                        "Wechatpay-Signature: " + request.header("Wechatpay-Signature"),
                        "Wechatpay-Serial: " + SIGNER.key().serial(),
                        "--data-binary");
    }

    @Test
    void flippingOneBitKeepsTheValuePrintableAndDifferent() {
        for (String value : new String[] {"transaction", "!abc", "#", "0123456789ab"}) {
            String flipped = WechatPayTestSigner.flipOneBit(value);
            assertThat(flipped).isNotEqualTo(value).hasSameSizeAs(value).doesNotContain("\"", "\\");
            assertThat(Integer.bitCount(flipped.charAt(0) ^ value.charAt(0))).isEqualTo(1);
        }
    }

    @Test
    void generatedPemsProvisionATenant() {
        WechatPayTestSigner.SigningKey cert = WechatPayTestSigner.newCertificate(
                NotificationFixtures.NOW, NotificationFixtures.NOW.plusSeconds(3600));

        assertThat(PlatformKey.fromPublicKeyPem(
                                SIGNER.key().serial(), SIGNER.key().pem())
                        .publicKey())
                .isEqualTo(SIGNER.key().keyPair().getPublic());
        assertThat(PlatformKey.fromCertificatePem(cert.serial(), cert.pem()).notAfter())
                .isEqualTo(NotificationFixtures.NOW.plusSeconds(3600));
        assertThat(cert.serial()).matches("[0-9A-F]{39,40}");
        assertThat(SIGNER.key().serial()).matches("PUB_KEY_ID_[0-9]{28}");
        assertThat(SIGNER.key().toString()).doesNotContain("PRIVATE");
    }
}
