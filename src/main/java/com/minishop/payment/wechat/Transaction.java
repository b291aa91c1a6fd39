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

    static Transaction read(JsonCursor in) {
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
                case "amount" -> amount = readAmount(in);
                default -> {} // promotion_detail, scene_info and anything new
            }
        }
        if (in.required(tradeState, "trade_state").equals("SUCCESS")) {
            in.required(successTime, "success_time");
        }
        return new Transaction(
                in.required(appId, "appid"),
                in.required(mchId, "mchid"),
                in.required(outTradeNo, "out_trade_no"),
                in.required(transactionId, "transaction_id"),
                in.required(tradeType, "trade_type"),
                tradeState,
                tradeStateDesc,
                bankType,
                attach,
                successTime,
                payer,
                in.required(amount, "amount"));
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

    private static Amount readAmount(JsonCursor in) {
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
                in.required(payerTotal, "amount.payer_total"),
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
