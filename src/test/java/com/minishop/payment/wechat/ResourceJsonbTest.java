package com.minishop.payment.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The records carry WeChat's field names for JSON-B, e.g. for the service to store or show them.
 */
class ResourceJsonbTest {

    private static Jsonb jsonb;

    @BeforeAll
    static void createJsonb() {
        jsonb = JsonbBuilder.create();
    }

    @AfterAll
    static void closeJsonb() throws Exception {
        jsonb.close();
    }

    @Test
    void transactionRoundTripsWithWechatNames() {
        Transaction transaction = new Transaction(
                "wx1",
                "1900000109",
                "ORDER-1",
                "4200001",
                "JSAPI",
                "SUCCESS",
                "支付成功",
                "CMC",
                "",
                OffsetDateTime.parse("2018-06-08T10:34:56+08:00"),
                new Transaction.Payer("openid-1"),
                new Transaction.Amount(100, 90, "CNY", "CNY"));

        String json = jsonb.toJson(transaction);

        assertThat(json)
                .contains(
                        "\"out_trade_no\":\"ORDER-1\"",
                        "\"payer_total\":90",
                        "\"openid\":\"openid-1\"",
                        "\"success_time\":\"2018-06-08T10:34:56+08:00\"");
        assertThat(jsonb.fromJson(json, Transaction.class)).isEqualTo(transaction);
    }

    @Test
    void refundRoundTripsWithWechatNames() {
        Refund refund = new Refund(
                "1900000109",
                "ORDER-1",
                "4200001",
                "R-1",
                "5030001",
                "SUCCESS",
                OffsetDateTime.parse("2018-06-08T10:34:56+08:00"),
                "招商银行信用卡0403",
                new Refund.Amount(100, 40, 100, 40));

        String json = jsonb.toJson(refund);

        assertThat(json).contains("\"out_refund_no\":\"R-1\"", "\"payer_refund\":40", "\"user_received_account\"");
        assertThat(jsonb.fromJson(json, Refund.class)).isEqualTo(refund);
    }

    @Test
    void toStringLeavesOutPersonalData() {
        Transaction transaction = new Transaction(
                "wx1",
                "1900000109",
                "ORDER-1",
                "4200001",
                "JSAPI",
                "SUCCESS",
                null,
                null,
                "attach-secret",
                null,
                new Transaction.Payer("openid-secret"),
                new Transaction.Amount(100, 90, "CNY", null));
        Refund refund = new Refund(
                "1900000109",
                "ORDER-1",
                "4200001",
                "R-1",
                "5030001",
                "SUCCESS",
                null,
                "account-secret",
                new Refund.Amount(100, 40, 100, 40));

        assertThat(transaction.toString()).contains("ORDER-1").doesNotContain("secret");
        assertThat(refund.toString()).contains("R-1").doesNotContain("secret");
    }
}
