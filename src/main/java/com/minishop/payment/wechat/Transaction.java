package com.minishop.payment.wechat;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;

/**
 * A payment, decrypted from a {@code TRANSACTION.*} notification. Amounts are in fen (1/100 CNY).
 * Required, else MISSING_FIELD: appid, mchid, out_trade_no, transaction_id, trade_type,
 * trade_state, amount.total, amount.payer_total, amount.currency, and success_time when trade_state
 * is SUCCESS; the others may be null. {@link #toString()} leaves out the payer and attach.
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
        @JsonbProperty("amount") Amount amount) implements NotificationResource {

    public record Payer(@JsonbProperty("openid") String openId) {}

    /** Total and payer total in fen, never negative; read strictly, never rounded or wrapped. */
    @JsonbTypeDeserializer(Amount.Reader.class)
    public record Amount(
            @JsonbProperty("total") long total,
            @JsonbProperty("payer_total") long payerTotal,
            @JsonbProperty("currency") String currency,
            @JsonbProperty("payer_currency") String payerCurrency) {

        /** JSON-B plumbing: reads the amount object strictly; not for direct use. */
        public static final class Reader implements JsonbDeserializer<Amount> {
            @Override
            public Amount deserialize(JsonParser parser, DeserializationContext context, Type type) {
                FieldCheck check = new FieldCheck(WHERE);
                JsonObject json = JsonSupport.objectOrNull(parser, "amount", check);
                if (json == null) {
                    return null;
                }
                return new Amount(
                        JsonSupport.amount(json, "total", "amount.total", check),
                        JsonSupport.amount(json, "payer_total", "amount.payer_total", check),
                        check.text(JsonSupport.string(json, "currency", "amount.currency", check), "amount.currency"),
                        JsonSupport.string(json, "payer_currency", "amount.payer_currency", check));
            }
        }
    }

    static final String WHERE = "the decrypted transaction";

    Transaction requireComplete() {
        FieldCheck check = new FieldCheck(WHERE);
        check.text(appId, "appid");
        check.text(mchId, "mchid");
        check.text(outTradeNo, "out_trade_no");
        check.text(transactionId, "transaction_id");
        check.text(tradeType, "trade_type");
        check.text(tradeState, "trade_state");
        check.present(amount, "amount");
        if ("SUCCESS".equals(tradeState)) {
            check.present(successTime, "success_time");
        }
        return this;
    }

    @Override
    public String toString() {
        return "Transaction[appid=" + appId + ", mchid=" + mchId + ", out_trade_no=" + outTradeNo
                + ", transaction_id=" + transactionId + ", trade_type=" + tradeType + ", trade_state=" + tradeState
                + ", success_time=" + successTime + ", " + amount + "]";
    }
}
