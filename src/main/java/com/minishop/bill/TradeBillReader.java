package com.minishop.bill;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one WeChat Pay trade bill (uncompressed UTF-8 text), one detail row per {@link #next()} call, then
 * its summary, and keeps running totals to check the rows against the summary ({@link #finish()}). Pure and
 * streaming: it holds one line at a time, whatever the bill's size.
 *
 * <p>The format (see the bill section of the WeChat Pay notes): a header line of column names, detail rows,
 * a summary header line starting with {@code 总交易单数}, one summary row. Comma-separated, no quoting; every
 * value of the detail and summary rows carries a leading backtick (one is stripped). Columns are found by
 * header name: the ALL (27 columns), SUCCESS (20) and REFUND (29) layouts are known, any other header fails
 * the bill. Amounts are yuan strings with at most 2 decimals (fees: 5), turned into fen exactly; a fraction of
 * a fen, an exponent or a stray character makes the row unreadable. A row whose field count is not the
 * header's (a comma inside a product name, say) is unreadable, reported with its line number, never guessed.
 * {@code \r\n} line ends and a byte order mark are accepted. Times carry no offset: Beijing time.
 */
public final class TradeBillReader implements Closeable {

    /** The layout, told apart by the set of header names. */
    public enum Layout {
        ALL,
        SUCCESS,
        REFUND
    }

    /** A detail row: a payment (交易状态 SUCCESS) or a refund (REFUND). */
    public enum Kind {
        PAYMENT,
        REFUND
    }

    /**
     * One readable detail row. Amounts in fen ({@code settlementAmount} 应结订单金额, {@code orderAmount} 订单金额,
     * {@code refundAmount} 退款金额, {@code requestedRefund} 申请退款金额; 0 when the layout lacks the column), the
     * fee exactly in fen (5 decimals of yuan: up to 3 of fen). Refund fields are null on payment rows.
     */
    public record Row(
            int line,
            Kind kind,
            OffsetDateTime time,
            String appId,
            String mchId,
            String transactionId,
            String outTradeNo,
            String tradeState,
            long settlementAmount,
            long orderAmount,
            String refundId,
            String outRefundNo,
            long refundAmount,
            long requestedRefund,
            String refundStatus,
            BigDecimal fee,
            OffsetDateTime refundSucceededAt)
            implements Entry {}

    /** A detail row that cannot be read as it stands, and why; never guessed. */
    public record Unreadable(int line, String reason) implements Entry {}

    /** What {@link #next()} gives. */
    public sealed interface Entry permits Row, Unreadable {
        int line();
    }

    /** The summary row's figures (fen; fees exactly, in fen), null where the summary lacks the column. */
    public record Summary(
            long count,
            Long settlementTotal,
            Long refundTotal,
            BigDecimal feeTotal,
            Long orderTotal,
            Long requestedRefundTotal) {}

    /** What the rows add up to: the checked counterpart of the summary. */
    public record Totals(
            long rows,
            long unreadable,
            long payments,
            long paymentAmount,
            long refunds,
            long refundAmount,
            BigDecimal fees) {}

    static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern YUAN = Pattern.compile("-?\\d{1,15}(\\.\\d{1,2})?");
    private static final Pattern FEE_YUAN = Pattern.compile("-?\\d{1,15}(\\.\\d{1,5})?");

    private static final List<String> ALL_COLUMNS = List.of(
            "交易时间", "公众账号ID", "商户号", "特约商户号", "设备号", "微信订单号", "商户订单号", "用户标识", "交易类型", "交易状态", "付款银行", "货币种类", "应结订单金额",
            "代金券金额", "微信退款单号", "商户退款单号", "退款金额", "充值券退款金额", "退款类型", "退款状态", "商品名称", "商户数据包", "手续费", "费率", "订单金额",
            "申请退款金额", "费率备注");
    private static final Set<String> REFUND_ONLY =
            Set.of("微信退款单号", "商户退款单号", "退款金额", "充值券退款金额", "退款类型", "退款状态", "申请退款金额");

    /** The header names of each known layout (by name; their order in a bill does not matter). */
    static final Map<Layout, Set<String>> LAYOUTS = Map.of(
            Layout.ALL, Set.copyOf(ALL_COLUMNS),
            Layout.SUCCESS,
                    Set.copyOf(ALL_COLUMNS.stream()
                            .filter(c -> !REFUND_ONLY.contains(c))
                            .toList()),
            Layout.REFUND, refundColumns());

    public static final String SUMMARY_FIRST = "总交易单数";

    private final BufferedReader in;
    private final Layout layout;
    private final Map<String, Integer> columns = new HashMap<>();
    private final int width;
    private int line;
    private Summary summary;
    private boolean done;

    private long rows;
    private long unreadable;
    private long payments;
    private long paymentAmount;
    private long refunds;
    private long refundAmount;
    private long settlementAll;
    private long orderAmountPayments;
    private long orderAmountAll;
    private long requestedRefunds;
    private BigDecimal fees = BigDecimal.ZERO;

    /** Reads the header line at once: an empty stream or an unknown layout throws {@link BillFormatException}. */
    public TradeBillReader(InputStream bill) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(bill), decoder), 1 << 16);
        String header = readLine();
        if (header != null && header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        if (header == null || header.isBlank()) {
            throw new BillFormatException("the bill is empty: no header line");
        }
        String[] names = header.split(",", -1);
        Set<String> found = new LinkedHashSet<>();
        for (int i = 0; i < names.length; i++) {
            String name = names[i].trim();
            if (!found.add(name)) {
                throw new BillFormatException("line 1: column " + name + " is given twice");
            }
            columns.put(name, i);
        }
        this.width = names.length;
        this.layout = LAYOUTS.entrySet().stream()
                .filter(e -> e.getValue().equals(found))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new BillFormatException("line 1: unknown bill layout (" + names.length + " columns: "
                        + String.join(",", found) + "); known: ALL, SUCCESS, REFUND"));
    }

    public Layout layout() {
        return layout;
    }

    /** The next detail row (readable or not), or null once the summary is read. */
    public Entry next() {
        if (done) {
            return null;
        }
        for (String text = readLine(); text != null; text = readLine()) {
            if (text.isBlank()) {
                continue;
            }
            if (text.startsWith(SUMMARY_FIRST)) {
                readSummary(text);
                done = true;
                return null;
            }
            rows++;
            Entry entry = row(text);
            if (entry instanceof Unreadable) {
                unreadable++;
            }
            return entry;
        }
        throw new BillFormatException("line " + line + ": the bill ends without its summary line");
    }

    /**
     * After the last row: checks the rows against the summary (count always; the sums when every row was
     * readable, since an unreadable row's amounts are unknown) and returns the totals. A disagreement throws
     * {@link BillFormatException}: the bill as a whole is not to be trusted.
     */
    public Totals finish() {
        while (next() != null) {
            // rows not consumed by the caller are still counted
        }
        if (summary.count() != rows) {
            throw new BillFormatException(
                    "the summary says " + summary.count() + " rows, the bill has " + rows + " detail rows");
        }
        if (unreadable == 0) {
            check("应结订单总金额", summary.settlementTotal(), paymentAmount, settlementAll);
            check("退款总金额", summary.refundTotal(), refundAmount, refundAmount);
            check("订单总金额", summary.orderTotal(), orderAmountPayments, orderAmountAll);
            check("申请退款总金额", summary.requestedRefundTotal(), requestedRefunds, requestedRefunds);
            if (summary.feeTotal() != null && summary.feeTotal().compareTo(fees) != 0) {
                throw new BillFormatException("the summary's 手续费总金额 is "
                        + summary.feeTotal().toPlainString() + " fen, the rows add up to " + fees.toPlainString());
            }
        }
        return totals();
    }

    /** The totals so far. */
    public Totals totals() {
        return new Totals(rows, unreadable, payments, paymentAmount, refunds, refundAmount, fees);
    }

    public Summary summary() {
        return summary;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How refund rows fill the payment amount columns is not documented: a summary total may count payment
     * rows only or every row; either agrees, anything else does not.
     */
    private static void check(String column, Long stated, long paymentRows, long allRows) {
        if (stated != null && stated != paymentRows && stated != allRows) {
            throw new BillFormatException("the summary's " + column + " is " + stated + " fen, the rows add up to "
                    + paymentRows + (allRows != paymentRows ? " (payment rows) or " + allRows + " (all rows)" : ""));
        }
    }

    private Entry row(String text) {
        String[] values = text.split(",", -1);
        if (values.length != width) {
            return new Unreadable(
                    line, values.length + " fields where the header has " + width + ": not read, never guessed");
        }
        try {
            String state = value(values, "交易状态");
            Kind kind =
                    switch (state) {
                        case "SUCCESS" -> Kind.PAYMENT;
                        case "REFUND" -> Kind.REFUND;
                        default -> throw new Bad("交易状态 " + state + " is neither SUCCESS nor REFUND");
                    };
            String transactionId = required(values, "微信订单号");
            String outTradeNo = required(values, "商户订单号");
            long settlement = fen(values, "应结订单金额");
            long orderAmount = fen(values, "订单金额");
            BigDecimal fee = feeFen(values, "手续费");
            String refundId = null;
            String outRefundNo = null;
            long refund = 0;
            long requested = 0;
            String refundStatus = null;
            OffsetDateTime refundSucceededAt = null;
            if (kind == Kind.REFUND) {
                if (layout == Layout.SUCCESS) {
                    throw new Bad("a refund row in a SUCCESS bill");
                }
                refundId = required(values, "微信退款单号");
                outRefundNo = required(values, "商户退款单号");
                refund = fen(values, "退款金额");
                requested = fen(values, "申请退款金额");
                refundStatus = value(values, "退款状态");
                if (refund <= 0) {
                    throw new Bad("退款金额 of a refund row must be positive");
                }
                String succeeded = columns.containsKey("退款成功时间") ? value(values, "退款成功时间") : "";
                refundSucceededAt = succeeded.isEmpty() ? null : time(succeeded, "退款成功时间");
            }
            Row row = new Row(
                    line,
                    kind,
                    time(value(values, "交易时间"), "交易时间"),
                    value(values, "公众账号ID"),
                    value(values, "商户号"),
                    transactionId,
                    outTradeNo,
                    state,
                    settlement,
                    orderAmount,
                    refundId,
                    outRefundNo,
                    refund,
                    requested,
                    refundStatus,
                    fee,
                    refundSucceededAt);
            count(row);
            return row;
        } catch (Bad e) {
            return new Unreadable(line, e.getMessage());
        }
    }

    private void count(Row row) {
        settlementAll += row.settlementAmount();
        orderAmountAll += row.orderAmount();
        fees = fees.add(row.fee());
        if (row.kind() == Kind.PAYMENT) {
            payments++;
            paymentAmount += row.settlementAmount();
            orderAmountPayments += row.orderAmount();
        } else {
            refunds++;
            refundAmount += row.refundAmount();
            requestedRefunds += row.requestedRefund();
        }
    }

    private void readSummary(String header) {
        String[] names = header.split(",", -1);
        String text = readLine();
        while (text != null && text.isBlank()) {
            text = readLine();
        }
        if (text == null) {
            throw new BillFormatException("line " + line + ": the summary header has no summary row");
        }
        String[] values = text.split(",", -1);
        if (values.length != names.length) {
            throw new BillFormatException("line " + line + ": the summary row has " + values.length
                    + " fields where its header has " + names.length);
        }
        Map<String, String> byName = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            byName.put(names[i].trim(), strip(values[i]));
        }
        int summaryLine = line;
        try {
            String count = byName.get(SUMMARY_FIRST);
            if (!count.matches("\\d{1,18}")) {
                throw new Bad("总交易单数 is not a count");
            }
            summary = new Summary(
                    Long.parseLong(count),
                    byName.containsKey("应结订单总金额") ? fen(byName.get("应结订单总金额"), "应结订单总金额") : null,
                    byName.containsKey("退款总金额") ? fen(byName.get("退款总金额"), "退款总金额") : null,
                    byName.containsKey("手续费总金额") ? feeFen(byName.get("手续费总金额"), "手续费总金额") : null,
                    byName.containsKey("订单总金额") ? fen(byName.get("订单总金额"), "订单总金额") : null,
                    byName.containsKey("申请退款总金额") ? fen(byName.get("申请退款总金额"), "申请退款总金额") : null);
        } catch (Bad e) {
            throw new BillFormatException("line " + summaryLine + ": summary row: " + e.getMessage());
        }
        for (String after = readLine(); after != null; after = readLine()) {
            if (!after.isBlank()) {
                throw new BillFormatException("line " + line + ": text after the summary row");
            }
        }
    }

    private String readLine() {
        try {
            String text = in.readLine();
            if (text != null) {
                line++;
            }
            return text;
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BillFormatException("line " + (line + 1) + ": not UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String value(String[] values, String column) {
        return strip(values[columns.get(column)]);
    }

    private String required(String[] values, String column) {
        String value = value(values, column);
        if (value.isEmpty() || value.equals("0")) {
            throw new Bad(column + " is missing");
        }
        return value;
    }

    /** One leading backtick stripped (WeChat puts one before every value so spreadsheets keep it text). */
    static String strip(String raw) {
        String value = raw.startsWith("`") ? raw.substring(1) : raw;
        return value.trim();
    }

    private long fen(String[] values, String column) {
        return columns.containsKey(column) ? fen(value(values, column), column) : 0;
    }

    private BigDecimal feeFen(String[] values, String column) {
        return feeFen(value(values, column), column);
    }

    /** Yuan with at most 2 decimals to fen, exactly. */
    static long fen(String yuan, String column) {
        if (!YUAN.matcher(yuan).matches()) {
            throw new Bad(column + " '" + yuan + "' is not an amount of yuan with at most 2 decimals");
        }
        return new BigDecimal(yuan).movePointRight(2).longValueExact();
    }

    /** A fee: yuan with up to 5 decimals, exactly in fen (up to 3 decimals). */
    static BigDecimal feeFen(String yuan, String column) {
        if (!FEE_YUAN.matcher(yuan).matches()) {
            throw new Bad(column + " '" + yuan + "' is not an amount of yuan with at most 5 decimals");
        }
        return new BigDecimal(yuan).movePointRight(2);
    }

    private static OffsetDateTime time(String text, String column) {
        try {
            return LocalDateTime.parse(text, TIME).atOffset(BEIJING);
        } catch (DateTimeParseException e) {
            throw new Bad(column + " '" + text + "' is not a time yyyy-MM-dd HH:mm:ss");
        }
    }

    private static Set<String> refundColumns() {
        List<String> all = new ArrayList<>(ALL_COLUMNS);
        all.add(all.indexOf("代金券金额") + 1, "退款申请时间");
        all.add(all.indexOf("退款申请时间") + 1, "退款成功时间");
        return Set.copyOf(all);
    }

    /** What makes one row unreadable. */
    private static final class Bad extends RuntimeException {
        Bad(String message) {
            super(message, null, false, false);
        }
    }
}
