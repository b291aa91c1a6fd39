package com.minishop.payment.wechat;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.OffsetDateTime;

/**
 * A payment, decrypted from a {@code TRANSACTION.*} notification. Amounts are in fen (1/100 CNY).
 * Required, else MISSING_FIELD: appid, mchid, out_trade_no, transaction_id, trade_type,
 * trade_state, amount.total, amount.payer_total, amount.currency, and success_time when trade_state
 * is SUCCESS; the others may be null. The {@code @JsonbProperty} names are WeChat's, so JSON-B
 * writes (and reads back) a transaction as WeChat does. {@link #toString()} leaves out the payer
 * and attach.
 */
public record Transaction(
        @JsonbProperty("appid") String appId,
        @JsonbProperty("mchid") String mchId,
        @JsonbProperty("out_trade_no") String outTradeNo,
        @JsonbProperty("transaction_id") String transactionId,
        @JsonbProperty("trade_type") String tradeType,
        @JsonbProperty("trade_state") String tradeState,
        @JsonbProperty("trade_state_desc") String tradeStateDesc,
        @JsonbProperty("bank_type") String bankType,
        @JsonbProperty("attach") String attach,
        @JsonbProperty("success_time") OffsetDateTime successTime,
        @JsonbProperty("payer") Payer payer,
        @JsonbProperty("amount") Amount amount)
        implements NotificationResource {

    public record Payer(@JsonbProperty("openid") String openId) {}

    /** Total and payer total in fen, never negative; read strictly, never rounded or wrapped. */
    public record Amount(
            @JsonbProperty("total") long total,
            @JsonbProperty("payer_total") long payerTotal,
            @JsonbProperty("currency") String currency,
            @JsonbProperty("payer_currency") String payerCurrency) {}

    static final String WHERE = "the decrypted transaction";
    static final String QUERIED = "the queried transaction";

    /** The trade states in which the order was paid (REFUND: paid, then refunded in part or whole). */
    public boolean paid() {
        return "SUCCESS".equals(tradeState) || "REFUND".equals(tradeState);
    }

    /**
     * A transaction as the order query answers it (the same fields as a notification's resource). An
     * order not paid yet has no transaction id, trade type or success time, and its amount may lack the
     * payer's part (then read as -1, unknown: it is never stored); a paid one needs all of them, as a notification
     * does. Throws IllegalArgumentException naming the field (never its value) when the body is not that.
     */
    public static Transaction fromQuery(byte[] body) {
        try {
            return JsonCursor.read(JsonSupport.utf8(body, QUERIED), QUERIED, in -> read(in, true));
        } catch (Rejection e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    static Transaction read(JsonCursor in) {
        return read(in, false);
    }

    private static Transaction read(JsonCursor in, boolean queried) {
        String appId = null;
        String mchId = null;
        String outTradeNo = null;
        String transactionId = null;
        String tradeType = null;
        String tradeState = null;
        String tradeStateDesc = null;
        String bankType = null;
        String attach = null;
        OffsetDateTime successTime = null;
        Payer payer = null;
        Amount amount = null;
        while (in.nextMember()) {
            switch (in.name()) {
                case "appid" -> appId = in.string();
                case "mchid" -> mchId = in.string();
                case "out_trade_no" -> outTradeNo = in.string();
                case "transaction_id" -> transactionId = in.string();
                case "trade_type" -> tradeType = in.string();
                case "trade_state" -> tradeState = in.string();
                case "trade_state_desc" -> tradeStateDesc = in.string();
                case "bank_type" -> bankType = in.string();
                case "attach" -> attach = in.string();
                case "success_time" -> successTime = in.time();
                case "payer" -> payer = readPayer(in);
                case "amount" -> amount = readAmount(in, queried);
                default -> {} // promotion_detail, scene_info and anything new
            }
        }
        String state = in.required(tradeState, "trade_state");
        if (state.equals("SUCCESS") || (queried && state.equals("REFUND"))) {
            in.required(successTime, "success_time");
        }
        boolean lenient = queried && !state.equals("SUCCESS") && !state.equals("REFUND");
        if (queried && !lenient && amount != null && amount.payerTotal() < 0) {
            throw in.malformed("amount.payer_total", "a number of fen");
        }
        return new Transaction(
                in.required(appId, "appid"),
                in.required(mchId, "mchid"),
                in.required(outTradeNo, "out_trade_no"),
                lenient ? transactionId : in.required(transactionId, "transaction_id"),
                lenient ? tradeType : in.required(tradeType, "trade_type"),
                tradeState,
                tradeStateDesc,
                bankType,
                attach,
                successTime,
                payer,
                lenient ? amount : in.required(amount, "amount"));
    }

    private static Payer readPayer(JsonCursor in) {
        if (!in.enterObject()) {
            return null;
        }
        String openId = null;
        while (in.nextMember()) {
            if (in.name().equals("openid")) {
                openId = in.string();
            }
        }
        return new Payer(openId);
    }

    private static Amount readAmount(JsonCursor in, boolean queried) {
        if (!in.enterObject()) {
            return null;
        }
        Long total = null;
        Long payerTotal = null;
        String currency = null;
        String payerCurrency = null;
        while (in.nextMember()) {
            switch (in.name()) {
                case "total" -> total = in.amount();
                case "payer_total" -> payerTotal = in.amount();
                case "currency" -> currency = in.string();
                case "payer_currency" -> payerCurrency = in.string();
                default -> {}
            }
        }
        return new Amount(
                in.required(total, "amount.total"),
                queried && payerTotal == null ? -1 : in.required(payerTotal, "amount.payer_total"),
                in.required(currency, "amount.currency"),
                payerCurrency);
    }

    @Override
    public String toString() {
        return "Transaction[appid="
                + appId
                + ", mchid="
                + mchId
                + ", out_trade_no="
                + outTradeNo
                + ", transaction_id="
                + transactionId
                + ", trade_type="
                + tradeType
                + ", trade_state="
                + tradeState
                + ", success_time="
                + successTime
                + ", "
                + amount
                + "]";
    }
}
