package com.minishop.tools;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a trade bill in WeChat Pay's format (header, backticked detail rows, summary header, backticked
 * summary row) for the ALL, SUCCESS and REFUND layouts, with the variations real bills and their readers meet:
 * {@code \r\n}, a byte order mark, a row with an extra comma. Amounts are given in fen and written as yuan
 * (fees with 5 decimals). Test tool: the sandbox's bills and the reader's fixtures.
 */
public final class TradeBillWriter {

    public enum Layout {
        ALL,
        SUCCESS,
        REFUND
    }

    public static final List<String> ALL = List.of(
            "交易时间", "公众账号ID", "商户号", "特约商户号", "设备号", "微信订单号", "商户订单号", "用户标识", "交易类型", "交易状态", "付款银行", "货币种类", "应结订单金额",
            "代金券金额", "微信退款单号", "商户退款单号", "退款金额", "充值券退款金额", "退款类型", "退款状态", "商品名称", "商户数据包", "手续费", "费率", "订单金额",
            "申请退款金额", "费率备注");
    public static final List<String> SUCCESS = ALL.stream()
            .filter(c -> !List.of("微信退款单号", "商户退款单号", "退款金额", "充值券退款金额", "退款类型", "退款状态", "申请退款金额")
                    .contains(c))
            .toList();
    public static final List<String> REFUND = refundLayout();
    public static final List<String> SUMMARY =
            List.of("总交易单数", "应结订单总金额", "退款总金额", "充值券退款总金额", "手续费总金额", "订单总金额", "申请退款总金额");

    /** One payment (refund fields null) or refund; fen, fee in 1/1000 fen (5 decimals of yuan). */
    public record Line(
            String time,
            String appId,
            String mchId,
            String transactionId,
            String outTradeNo,
            long orderAmount,
            String refundId,
            String outRefundNo,
            long refundAmount,
            String refundStatus,
            String product,
            long feeMilliFen,
            String refundSucceededAt) {

        public static Line payment(
                String time, String appId, String mchId, String transactionId, String outTradeNo, long amount) {
            return new Line(
                    time,
                    appId,
                    mchId,
                    transactionId,
                    outTradeNo,
                    amount,
                    null,
                    null,
                    0,
                    null,
                    "一杯咖啡",
                    amount * 6,
                    null); // 0.60% of the amount
        }

        public static Line refund(
                String time,
                String appId,
                String mchId,
                String transactionId,
                String outTradeNo,
                long orderAmount,
                String refundId,
                String outRefundNo,
                long refund) {
            return new Line(
                    time,
                    appId,
                    mchId,
                    transactionId,
                    outTradeNo,
                    orderAmount,
                    refundId,
                    outRefundNo,
                    refund,
                    "SUCCESS",
                    "一杯咖啡",
                    -refund * 6,
                    time);
        }

        public boolean isRefund() {
            return outRefundNo != null;
        }

        public Line product(String name) {
            return new Line(
                    time,
                    appId,
                    mchId,
                    transactionId,
                    outTradeNo,
                    orderAmount,
                    refundId,
                    outRefundNo,
                    refundAmount,
                    refundStatus,
                    name,
                    feeMilliFen,
                    refundSucceededAt);
        }

        public Line orderAmount(long fen) {
            return new Line(
                    time,
                    appId,
                    mchId,
                    transactionId,
                    outTradeNo,
                    fen,
                    refundId,
                    outRefundNo,
                    refundAmount,
                    refundStatus,
                    product,
                    feeMilliFen,
                    refundSucceededAt);
        }
    }

    private final Layout layout;
    private final List<Line> lines = new ArrayList<>();
    private String newline = "\n";
    private boolean bom;

    public TradeBillWriter(Layout layout) {
        this.layout = layout;
    }

    public TradeBillWriter add(Line line) {
        lines.add(line);
        return this;
    }

    public TradeBillWriter crlf() {
        newline = "\r\n";
        return this;
    }

    public TradeBillWriter bom() {
        bom = true;
        return this;
    }

    public List<String> columns() {
        return switch (layout) {
            case ALL -> ALL;
            case SUCCESS -> SUCCESS;
            case REFUND -> REFUND;
        };
    }

    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    public String text() {
        var out = new java.io.StringWriter();
        try {
            write(lines.iterator(), out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Writes the bill of {@code lines} to {@code out} as they come, the summary line last: a bill of millions
     * of rows never held whole (the reconciliation benchmark streams one through GZIP this way).
     */
    public void write(java.util.Iterator<Line> lines, Appendable out) throws java.io.IOException {
        if (bom) {
            out.append('\uFEFF');
        }
        out.append(String.join(",", columns())).append(newline);
        long settlement = 0;
        long refunds = 0;
        long orders = 0;
        long fees = 0;
        long count = 0;
        while (lines.hasNext()) {
            Line line = lines.next();
            boolean first = true;
            for (String column : columns()) {
                if (!first) {
                    out.append(',');
                }
                out.append('`').append(value(line, column));
                first = false;
            }
            out.append(newline);
            if (line.isRefund()) {
                refunds += line.refundAmount();
            } else {
                settlement += line.orderAmount();
                orders += line.orderAmount();
            }
            fees += line.feeMilliFen();
            count++;
        }
        out.append(String.join(",", SUMMARY)).append(newline);
        out.append(String.join(
                        ",",
                        List.of(
                                "`" + count,
                                "`" + yuan(settlement),
                                "`" + yuan(refunds),
                                "`0.00",
                                "`" + feeYuan(fees),
                                "`" + yuan(orders),
                                "`" + yuan(refunds))))
                .append(newline);
    }

    private static String value(Line line, String column) {
        boolean refund = line.isRefund();
        return switch (column) {
            case "交易时间" -> line.time();
            case "公众账号ID" -> line.appId();
            case "商户号" -> line.mchId();
            case "特约商户号" -> "0";
            case "设备号" -> "";
            case "微信订单号" -> line.transactionId();
            case "商户订单号" -> line.outTradeNo();
            case "用户标识" -> "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
            case "交易类型" -> "JSAPI";
            case "交易状态" -> refund ? "REFUND" : "SUCCESS";
            case "付款银行" -> "OTHERS";
            case "货币种类" -> "CNY";
            case "应结订单金额" -> refund ? "0.00" : yuan(line.orderAmount());
            case "代金券金额" -> "0.00";
            case "退款申请时间" -> refund ? line.time() : "";
            case "退款成功时间" -> refund && line.refundSucceededAt() != null ? line.refundSucceededAt() : "";
            case "微信退款单号" -> refund ? line.refundId() : "0";
            case "商户退款单号" -> refund ? line.outRefundNo() : "0";
            case "退款金额" -> yuan(refund ? line.refundAmount() : 0);
            case "充值券退款金额" -> "0.00";
            case "退款类型" -> refund ? "ORIGINAL" : "";
            case "退款状态" -> refund ? line.refundStatus() : "";
            case "商品名称" -> line.product();
            case "商户数据包" -> "";
            case "手续费" -> feeYuan(line.feeMilliFen());
            case "费率" -> "0.60%";
            case "订单金额" -> refund ? "0.00" : yuan(line.orderAmount());
            case "申请退款金额" -> yuan(refund ? line.refundAmount() : 0);
            case "费率备注" -> "";
            default -> throw new IllegalArgumentException(column);
        };
    }

    /** Fen as yuan with 2 decimals. */
    public static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    /** Thousandths of a fen as yuan with 5 decimals. */
    public static String feeYuan(long milliFen) {
        return BigDecimal.valueOf(milliFen, 5).toPlainString();
    }

    private static List<String> refundLayout() {
        List<String> all = new ArrayList<>(ALL);
        all.add(all.indexOf("代金券金额") + 1, "退款申请时间");
        all.add(all.indexOf("退款申请时间") + 1, "退款成功时间");
        return List.copyOf(all);
    }
}
