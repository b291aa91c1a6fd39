package com.minishop.bill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.minishop.bill.TradeBillReader.Kind;
import com.minishop.bill.TradeBillReader.Row;
import com.minishop.bill.TradeBillReader.Unreadable;
import com.minishop.tools.TradeBillWriter;
import com.minishop.tools.TradeBillWriter.Layout;
import com.minishop.tools.TradeBillWriter.Line;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bill reader on bills in WeChat's format, written by {@link TradeBillWriter} with every variation. */
class TradeBillReaderTest {

    private static final Line PAID = Line.payment(
            "2026-12-01 09:15:02",
            "wx2421b1c4370ec43b",
            "1900000109",
            "4200000001202612010000000001",
            "ORDER-0001",
            12_345);
    private static final Line PAID_2 = Line.payment(
            "2026-12-01 23:59:59", "wx2421b1c4370ec43b", "1900000109", "4200000002202612010000000002", "ORDER-0002", 1);
    private static final Line REFUNDED = Line.refund(
            "2026-12-01 12:00:00",
            "wx2421b1c4370ec43b",
            "1900000109",
            "4200000003202611300000000003",
            "ORDER-0003",
            5_000,
            "50300000012026120100000000001",
            "RF-0003",
            1_999);

    private static List<TradeBillReader.Entry> read(byte[] bill, List<TradeBillReader.Totals> totals) {
        try (var reader = new TradeBillReader(new ByteArrayInputStream(bill))) {
            List<TradeBillReader.Entry> entries = new ArrayList<>();
            for (var e = reader.next(); e != null; e = reader.next()) {
                entries.add(e);
            }
            totals.add(reader.finish());
            return entries;
        }
    }

    private static List<TradeBillReader.Entry> read(byte[] bill) {
        return read(bill, new ArrayList<>());
    }

    @Test
    void anAllBillGivesPaymentsAndRefundsInFenWithTheirLineNumbers() {
        List<TradeBillReader.Totals> totals = new ArrayList<>();
        var entries = read(
                new TradeBillWriter(Layout.ALL)
                        .add(PAID)
                        .add(REFUNDED)
                        .add(PAID_2)
                        .bytes(),
                totals);
        assertThat(entries).hasSize(3).allSatisfy(e -> assertThat(e).isInstanceOf(Row.class));
        Row paid = (Row) entries.get(0);
        assertThat(paid.line()).isEqualTo(2);
        assertThat(paid.kind()).isEqualTo(Kind.PAYMENT);
        assertThat(paid.outTradeNo()).as("backtick stripped").isEqualTo("ORDER-0001");
        assertThat(paid.transactionId()).isEqualTo("4200000001202612010000000001");
        assertThat(paid.mchId()).isEqualTo("1900000109");
        assertThat(paid.settlementAmount()).isEqualTo(12_345);
        assertThat(paid.orderAmount()).isEqualTo(12_345);
        assertThat(paid.time()).isEqualTo(OffsetDateTime.parse("2026-12-01T09:15:02+08:00"));
        assertThat(paid.fee()).as("0.74070 yuan").isEqualByComparingTo(new BigDecimal("74.070"));
        assertThat(paid.outRefundNo()).isNull();

        Row refund = (Row) entries.get(1);
        assertThat(refund.line()).isEqualTo(3);
        assertThat(refund.kind()).isEqualTo(Kind.REFUND);
        assertThat(refund.outRefundNo()).isEqualTo("RF-0003");
        assertThat(refund.refundId()).isEqualTo("50300000012026120100000000001");
        assertThat(refund.refundAmount()).isEqualTo(1_999);
        assertThat(refund.refundStatus()).isEqualTo("SUCCESS");
        assertThat(refund.fee()).isEqualByComparingTo(new BigDecimal("-11.994"));
        assertThat(((Row) entries.get(2)).settlementAmount()).isEqualTo(1);

        var t = totals.get(0);
        assertThat(t.rows()).isEqualTo(3);
        assertThat(t.payments()).isEqualTo(2);
        assertThat(t.paymentAmount()).isEqualTo(12_346);
        assertThat(t.refunds()).isEqualTo(1);
        assertThat(t.refundAmount()).isEqualTo(1_999);
        assertThat(t.fees()).isEqualByComparingTo(new BigDecimal("62.082"));
    }

    @Test
    void columnsAreFoundByNameInEveryKnownLayout() {
        for (Layout layout : Layout.values()) {
            var writer = new TradeBillWriter(layout).add(PAID);
            if (layout != Layout.SUCCESS) {
                writer.add(REFUNDED);
            }
            try (var reader = new TradeBillReader(new ByteArrayInputStream(writer.bytes()))) {
                assertThat(reader.layout().name()).isEqualTo(layout.name());
                Row paid = (Row) reader.next();
                assertThat(paid.outTradeNo()).isEqualTo("ORDER-0001");
                assertThat(paid.settlementAmount()).isEqualTo(12_345);
                if (layout != Layout.SUCCESS) {
                    Row refund = (Row) reader.next();
                    assertThat(refund.outRefundNo()).isEqualTo("RF-0003");
                    assertThat(refund.refundSucceededAt())
                            .isEqualTo(
                                    layout == Layout.REFUND ? OffsetDateTime.parse("2026-12-01T12:00:00+08:00") : null);
                }
                assertThat(reader.next()).isNull();
                assertThat(reader.finish().rows()).isEqualTo(layout == Layout.SUCCESS ? 1 : 2);
            }
        }
        // the same bill with its columns in another order reads the same
        String bill = new TradeBillWriter(Layout.ALL).add(PAID).text();
        List<List<String>> table = new ArrayList<>();
        for (String line : bill.split("\n")) {
            table.add(new ArrayList<>(List.of(line.split(",", -1))));
        }
        for (int row : List.of(0, 1)) {
            Collections.reverse(table.get(row));
        }
        StringBuilder reversed = new StringBuilder();
        for (var line : table) {
            reversed.append(String.join(",", line)).append('\n');
        }
        Row paid =
                (Row) read(reversed.toString().getBytes(StandardCharsets.UTF_8)).get(0);
        assertThat(paid.outTradeNo()).isEqualTo("ORDER-0001");
        assertThat(paid.settlementAmount()).isEqualTo(12_345);
    }

    @Test
    void anUnknownLayoutFailsLoudly() {
        String old = "交易时间,公众账号ID,商户号,子商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,总金额,"
                + "代金券或立减优惠金额,微信退款单号,商户退款单号,退款金额,代金券或立减优惠退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率\n";
        assertThatThrownBy(() -> new TradeBillReader(new ByteArrayInputStream(old.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(BillFormatException.class)
                .hasMessageContaining("unknown bill layout")
                .hasMessageContaining("24 columns");
        String missingOne = String.join(",", TradeBillWriter.ALL.subList(1, TradeBillWriter.ALL.size())) + "\n";
        assertThatThrownBy(() ->
                        new TradeBillReader(new ByteArrayInputStream(missingOne.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(BillFormatException.class)
                .hasMessageContaining("unknown bill layout");
        assertThatThrownBy(() -> new TradeBillReader(new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(BillFormatException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void crlfAndAByteOrderMarkAreTolerated() {
        byte[] bill = new TradeBillWriter(Layout.ALL)
                .add(PAID)
                .add(REFUNDED)
                .crlf()
                .bom()
                .bytes();
        assertThat(bill[0]).isEqualTo((byte) 0xEF);
        var entries = read(bill);
        assertThat(entries).hasSize(2);
        Row paid = (Row) entries.get(0);
        assertThat(paid.time()).isEqualTo(OffsetDateTime.parse("2026-12-01T09:15:02+08:00"));
        assertThat(((Row) entries.get(1)).refundAmount()).isEqualTo(1_999);
    }

    @Test
    void aRowWithMoreFieldsThanTheHeaderIsUnreadableWithItsLineNeverGuessed() {
        byte[] bill = new TradeBillWriter(Layout.ALL)
                .add(PAID)
                .add(PAID_2.product("咖啡,加奶"))
                .add(REFUNDED)
                .bytes();
        List<TradeBillReader.Totals> totals = new ArrayList<>();
        var entries = read(bill, totals);
        assertThat(entries).hasSize(3);
        assertThat(entries.get(1)).isInstanceOfSatisfying(Unreadable.class, u -> {
            assertThat(u.line()).isEqualTo(3);
            assertThat(u.reason()).contains("28 fields").contains("27");
        });
        assertThat(entries.get(2)).isInstanceOf(Row.class);
        assertThat(totals.get(0).unreadable()).isEqualTo(1);
        assertThat(totals.get(0).rows())
                .as("the count still agrees with the summary")
                .isEqualTo(3);
    }

    @Test
    void yuanBecomeFenExactlyAndAnythingElseIsUnreadable() {
        assertThat(TradeBillReader.fen("0.01", "x")).isEqualTo(1);
        assertThat(TradeBillReader.fen("1", "x")).isEqualTo(100);
        assertThat(TradeBillReader.fen("0.1", "x")).isEqualTo(10);
        assertThat(TradeBillReader.fen("99999999.99", "x")).isEqualTo(9_999_999_999L);
        assertThat(TradeBillReader.fen("-3.05", "x")).isEqualTo(-305);
        // 0.29 and 0.57 are the classic doubles that do not survive * 100
        assertThat(TradeBillReader.fen("0.29", "x")).isEqualTo(29);
        assertThat(TradeBillReader.fen("0.57", "x")).isEqualTo(57);
        assertThat(TradeBillReader.feeFen("7.79000", "x")).isEqualByComparingTo(new BigDecimal("779"));
        assertThat(TradeBillReader.feeFen("0.00006", "x")).isEqualByComparingTo(new BigDecimal("0.006"));
        for (String bad : List.of("0.001", "1e2", "1.2.3", "", " 1.00", "¥1.00", "1,00", "NaN", "+1.00")) {
            assertThatThrownBy(() -> TradeBillReader.fen(bad, "退款金额")).as(bad).hasMessageContaining("退款金额");
        }
        assertThatThrownBy(() -> TradeBillReader.feeFen("0.000001", "手续费")).hasMessageContaining("5 decimals");

        String bill = new TradeBillWriter(Layout.ALL).add(PAID).text().replaceFirst("`123.45,", "`123.455,");
        List<TradeBillReader.Totals> totals = new ArrayList<>();
        var entries = read(bill.getBytes(StandardCharsets.UTF_8), totals);
        assertThat(entries.get(0)).isInstanceOfSatisfying(Unreadable.class, u -> {
            assertThat(u.line()).isEqualTo(2);
            assertThat(u.reason()).contains("应结订单金额").contains("2 decimals");
        });
    }

    @Test
    void oneLeadingBacktickIsStrippedPerValue() {
        assertThat(TradeBillReader.strip("`ORDER-1")).isEqualTo("ORDER-1");
        assertThat(TradeBillReader.strip("``ORDER-1")).isEqualTo("`ORDER-1");
        assertThat(TradeBillReader.strip("ORDER-1")).isEqualTo("ORDER-1");
    }

    @Test
    void theRowsAreCheckedAgainstTheSummary() {
        String bill = new TradeBillWriter(Layout.ALL).add(PAID).add(REFUNDED).text();
        String summary = bill.substring(bill.lastIndexOf("\n", bill.length() - 2) + 1);
        String[] fields = summary.strip().split(",");
        assertThat(fields[0]).isEqualTo("`2");

        var wrongCount = bill.replace(summary, summary.replaceFirst("^`2,", "`3,"));
        assertThatThrownBy(() -> read(wrongCount.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BillFormatException.class)
                .hasMessageContaining("3 rows")
                .hasMessageContaining("2 detail rows");
        var wrongSum = bill.replace(summary, summary.replaceFirst("^`2,`123.45,", "`2,`123.46,"));
        assertThatThrownBy(() -> read(wrongSum.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BillFormatException.class)
                .hasMessageContaining("应结订单总金额");
        var wrongRefunds = bill.replace(summary, summary.replace("`19.99,`0.00", "`19.98,`0.00"));
        assertThatThrownBy(() -> read(wrongRefunds.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BillFormatException.class)
                .hasMessageContaining("退款总金额");
        var wrongFees = bill.replace(summary, summary.replace("`0.62076", "`0.62077"));
        assertThat(wrongFees).isNotEqualTo(bill);
        assertThatThrownBy(() -> read(wrongFees.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BillFormatException.class)
                .hasMessageContaining("手续费总金额");
        String noSummary = bill.substring(0, bill.indexOf(TradeBillReader.SUMMARY_FIRST));
        assertThatThrownBy(() -> read(noSummary.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BillFormatException.class)
                .hasMessageContaining("without its summary");
        String trailing = bill + "`something else\n";
        assertThatThrownBy(() -> read(trailing.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BillFormatException.class)
                .hasMessageContaining("after the summary");
    }

    @Test
    void anEmptyDayHasNoRowsAndAZeroSummary() {
        List<TradeBillReader.Totals> totals = new ArrayList<>();
        assertThat(read(new TradeBillWriter(Layout.ALL).bytes(), totals)).isEmpty();
        assertThat(totals.get(0).rows()).isZero();
        assertThat(totals.get(0).fees()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void readsOneLineAtATime() {
        // a bill far larger than what the reader may hold: rows are produced as it goes, never collected
        int rows = 200_000;
        var stream = new java.io.SequenceInputStream(new java.util.Enumeration<java.io.InputStream>() {
            int i = -1;

            @Override
            public boolean hasMoreElements() {
                return i <= rows;
            }

            @Override
            public java.io.InputStream nextElement() {
                i++;
                String text;
                if (i == 0) {
                    text = String.join(",", TradeBillWriter.ALL) + "\n";
                } else if (i <= rows) {
                    String bill = new TradeBillWriter(Layout.ALL).add(PAID).text();
                    text = bill.split("\n")[1] + "\n";
                } else {
                    text = String.join(",", TradeBillWriter.SUMMARY) + "\n`" + rows + ",`"
                            + TradeBillWriter.yuan(12_345L * rows) + ",`0.00,`0.00,`"
                            + TradeBillWriter.feeYuan(12_345L * 6 * rows) + ",`" + TradeBillWriter.yuan(12_345L * rows)
                            + ",`0.00\n";
                }
                return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
            }
        });
        try (var reader = new TradeBillReader(stream)) {
            long seen = 0;
            for (var e = reader.next(); e != null; e = reader.next()) {
                seen++;
            }
            assertThat(seen).isEqualTo(rows);
            assertThat(reader.finish().paymentAmount()).isEqualTo(12_345L * rows);
        }
    }
}
