package com.minishop.bill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.minishop.payment.wechat.MerchantApiKey;
import com.minishop.payment.wechat.MerchantCredentials;
import com.minishop.payment.wechat.PlatformKey;
import com.minishop.tools.WechatPaySandbox;
import com.minishop.tools.WechatPaySandbox.BillVariant;
import com.minishop.wechatpay.CallRecord;
import com.minishop.wechatpay.WechatPayClient;
import com.minishop.wechatpay.WechatPayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trade bill from application to rows, against the sandbox over real HTTP: apply, download the
 * unsigned file, check the SHA-1 of the uncompressed bytes, read it; an empty day, a bill still being
 * created, a corrupted hash, CRLF and BOM, a row with an extra comma; GZIP and plain.
 */
class TradeBillDownloadTest {

    private static final WechatPaySandbox SANDBOX = WechatPaySandbox.start();
    private static final WechatPaySandbox.NewMerchant MERCHANT =
            SANDBOX.newMerchant("wx1000000000000002", "1900000102");
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.ofHours(8));

    @TempDir
    Path dir;

    private final List<CallRecord> log = new CopyOnWriteArrayList<>();
    private WechatPayClient client;
    private WechatPayClient.Call call;

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @BeforeEach
    void setUp() {
        client = new WechatPayClient(SANDBOX.baseUrl(), Clock.systemUTC(), Duration.ofMillis(2_000), log::add);
        var platform = MERCHANT.merchant().platform();
        var credentials = MerchantCredentials.of(
                        MERCHANT.merchant().appId(),
                        MERCHANT.merchant().mchId(),
                        platform.apiV3Key(),
                        List.of(PlatformKey.fromPublicKeyPem(
                                platform.key().serial(), platform.key().publicKeyPem())))
                .withApiKey(new MerchantApiKey(
                        MERCHANT.merchant().merchantSerial(),
                        MERCHANT.merchantKeyPair().getPrivate()));
        call = new WechatPayClient.Call(7, credentials, "API");
    }

    /** Two orders paid today in the sandbox's ledger. */
    private static void twoPaymentsToday() {
        for (long amount : new long[] {1_000, 29}) {
            String orderNo = "B" + System.nanoTime();
            SANDBOX.open(MERCHANT.merchant().mchId(), orderNo, amount);
            SANDBOX.pay(MERCHANT.merchant().mchId(), orderNo, false);
        }
    }

    private List<TradeBillReader.Entry> fetch(boolean gzip, List<TradeBillReader.Totals> totals) throws IOException {
        var applied = client.applyTradeBill(call, TODAY, gzip);
        assertThat(applied.ready()).isTrue();
        Path file = Files.createTempFile(dir, "bill", gzip ? ".gz" : ".csv");
        long size = client.downloadBill(call, applied.downloadUrl(), file);
        assertThat(size).isPositive();
        var bill = new BillFile(file, gzip);
        bill.verify(applied.hashValue());
        List<TradeBillReader.Entry> entries = new ArrayList<>();
        try (var reader = new TradeBillReader(bill.open())) {
            for (var e = reader.next(); e != null; e = reader.next()) {
                entries.add(e);
            }
            totals.add(reader.finish());
        }
        return entries;
    }

    @Test
    void aGzipAndAPlainBillAreDownloadedCheckedAndRead() throws IOException {
        twoPaymentsToday();
        for (boolean gzip : new boolean[] {true, false}) {
            List<TradeBillReader.Totals> totals = new ArrayList<>();
            var entries = fetch(gzip, totals);
            assertThat(entries).allSatisfy(e -> assertThat(e).isInstanceOf(TradeBillReader.Row.class));
            assertThat(totals.get(0).payments()).isGreaterThanOrEqualTo(2);
            assertThat(entries.stream()
                            .map(e -> ((TradeBillReader.Row) e).settlementAmount())
                            .toList())
                    .contains(1_000L, 29L);
        }
        assertThat(log).extracting(CallRecord::operation).contains("BILL", "BILL_DOWNLOAD");
        assertThat(log).allSatisfy(r -> assertThat(r.outcome()).isEqualTo("OK"));
    }

    @Test
    void crlfBomAndAnExtraCommaAreReadAsWeChatWritesThem() throws IOException {
        twoPaymentsToday();
        SANDBOX.billVariant(MERCHANT.merchant().mchId(), BillVariant.CRLF_BOM, 1);
        assertThat(fetch(true, new ArrayList<>()))
                .allSatisfy(e -> assertThat(e).isInstanceOf(TradeBillReader.Row.class));
        SANDBOX.billVariant(MERCHANT.merchant().mchId(), BillVariant.EXTRA_COMMA, 1);
        List<TradeBillReader.Totals> totals = new ArrayList<>();
        var entries = fetch(true, totals);
        assertThat(entries.get(0)).isInstanceOfSatisfying(TradeBillReader.Unreadable.class, u -> assertThat(u.line())
                .isEqualTo(2));
        assertThat(totals.get(0).unreadable()).isEqualTo(1);
    }

    @Test
    void anEmptyDayAndACreatingBillAreNotReadyAndACorruptedHashIsRefused() throws IOException {
        String mchId = MERCHANT.merchant().mchId();
        SANDBOX.billVariant(mchId, BillVariant.NO_STATEMENT, 1);
        var empty = client.applyTradeBill(call, TODAY, true);
        assertThat(empty.ready()).isFalse();
        assertThat(empty.errorCode()).isEqualTo("NO_STATEMENT_EXIST");
        SANDBOX.billVariant(mchId, BillVariant.CREATING, 1);
        assertThat(client.applyTradeBill(call, TODAY, true).errorCode()).isEqualTo("STATEMENT_CREATING");
        assertThat(log).extracting(CallRecord::outcome).containsOnly("NOT_READY");

        twoPaymentsToday();
        SANDBOX.billVariant(mchId, BillVariant.CORRUPT_HASH, 1);
        var corrupt = client.applyTradeBill(call, TODAY, true);
        Path file = Files.createTempFile(dir, "bill", ".gz");
        client.downloadBill(call, corrupt.downloadUrl(), file);
        assertThatThrownBy(() -> new BillFile(file, true).verify(corrupt.hashValue()))
                .isInstanceOf(BillFormatException.class)
                .hasMessageContaining("SHA-1");
        // the hash is over the uncompressed bytes: the compressed file's own hash is not it
        var good = client.applyTradeBill(call, TODAY, true);
        Path gz = Files.createTempFile(dir, "bill", ".gz");
        client.downloadBill(call, good.downloadUrl(), gz);
        new BillFile(gz, true).verify(good.hashValue());
        assertThatThrownBy(() -> new BillFile(gz, false).verify(good.hashValue()))
                .isInstanceOf(BillFormatException.class);
        assertThatThrownBy(() -> new BillFile(gz, true).verify(null)).isInstanceOf(BillFormatException.class);
    }

    @Test
    void aDownloadUrlOffTheApiHostIsNeverCalled() {
        assertThatThrownBy(() -> client.downloadBill(
                        call, "https://evil.example/v3/billdownload/file?token=x", dir.resolve("x")))
                .isInstanceOfSatisfying(
                        WechatPayException.class, e -> assertThat(e.code()).isEqualTo(WechatPayException.BAD_RESPONSE));
        assertThat(Files.exists(dir.resolve("x"))).isFalse();
    }
}
