package com.minishop.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.minishop.payment.wechat.Refund;
import com.minishop.web.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The refund request's strict reading, and WeChat's refund answers read into a {@link Refund}. */
class RefundRequestTest {

    @Test
    void aRequestIsReadExactlyAndANumberIsGeneratedWhenAbsent() {
        var given = RefundRequest.parse("{\"outRefundNo\":\"R-1|a*b@c_d\",\"amount\":100,\"reason\":\"坏了\"}");
        assertThat(given).isEqualTo(new RefundRequest("R-1|a*b@c_d", 100, "坏了"));
        var generated = RefundRequest.parse("{\"amount\":1}");
        assertThat(generated.outRefundNo()).matches("R[0-9A-F]{32}");
        assertThat(RefundRequest.parse("{\"amount\":1}").outRefundNo()).isNotEqualTo(generated.outRefundNo());
        assertThat(generated.reason()).isNull();
        assertThat(RefundRequest.parse("{\"amount\":1.00}").amount())
                .as("1.00 is exactly 1")
                .isEqualTo(1);
        assertThat(RefundRequest.parse("{\"amount\":1,\"reason\":\"" + "退".repeat(80) + "\"}")
                        .reason())
                .hasSize(80);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        Map<String, String> refused = Map.of(
                "{\"amount\":1.5}",
                "amount",
                "{\"amount\":-1}",
                "amount",
                "{\"amount\":1e30}",
                "amount",
                "{}",
                "amount",
                "{\"amount\":\"1\"}",
                "amount",
                "{\"amount\":1,\"outRefundNo\":\"\"}",
                "outRefundNo",
                "{\"amount\":1,\"outRefundNo\":\"" + "a".repeat(65) + "\"}",
                "outRefundNo",
                "{\"amount\":1,\"outRefundNo\":\"a/b\"}",
                "outRefundNo",
                "{\"amount\":1,\"reason\":\"" + "退".repeat(81) + "\"}",
                "reason",
                "{\"amount\":1,\"reason\":7}",
                "reason");
        refused.forEach((body, field) -> assertThatThrownBy(() -> RefundRequest.parse(body))
                .as(body)
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field)));
        for (String body : new String[] {null, "", "[]", "not json"}) {
            assertThatThrownBy(() -> RefundRequest.parse(body))
                    .as(String.valueOf(body))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field())
                            .isEqualTo("body"));
        }
        assertThatThrownBy(() -> RefundRequest.parse("{\"amount\":1,\"amout\":2}"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("amout"));
    }

    @Test
    void wechatsRefundAnswerIsReadWithItsStatusAndTheMerchantAsked() {
        String answer =
                """
                {"refund_id":"50000000382019052709732678859","out_refund_no":"1217752501201407033233368018",
                "transaction_id":"1217752501201407033233368018","out_trade_no":"1217752501201407033233368018",
                "channel":"ORIGINAL","user_received_account":"招商银行信用卡0403","success_time":"2020-12-01T16:18:12+08:00",
                "create_time":"2020-12-01T16:18:12+08:00","status":"SUCCESS","funds_account":"UNSETTLED",
                "amount":{"total":100,"refund":100,"from":[],"payer_total":90,"payer_refund":90,"settlement_refund":100,
                "settlement_total":100,"discount_refund":10,"currency":"CNY","refund_fee":0},"promotion_detail":[]}
                """;
        Refund r = Refund.fromAnswer(answer.getBytes(StandardCharsets.UTF_8), "1900000109");
        assertThat(r.mchId()).isEqualTo("1900000109");
        assertThat(r.refundStatus()).isEqualTo("SUCCESS");
        assertThat(r.settled()).isTrue();
        assertThat(r.amount().refund()).isEqualTo(100);
        assertThat(r.amount().payerRefund()).isEqualTo(90);
        assertThat(r.successTime()).isNotNull();

        String processing = answer.replace("\"status\":\"SUCCESS\"", "\"status\":\"PROCESSING\"")
                .replace("\"success_time\":\"2020-12-01T16:18:12+08:00\",", "");
        assertThat(Refund.fromAnswer(processing.getBytes(StandardCharsets.UTF_8), "1900000109")
                        .settled())
                .isFalse();
        String noSuccessTime = answer.replace("\"success_time\":\"2020-12-01T16:18:12+08:00\",", "");
        assertThatThrownBy(() -> Refund.fromAnswer(noSuccessTime.getBytes(StandardCharsets.UTF_8), "1900000109"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("success_time");
        String fraction = answer.replace("\"refund\":100,", "\"refund\":99.5,");
        assertThatThrownBy(() -> Refund.fromAnswer(fraction.getBytes(StandardCharsets.UTF_8), "1900000109"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("amount.refund");
        // a notification's refund_status is not an answer's status
        String notificationShaped = answer.replace("\"status\"", "\"refund_status\"");
        assertThatThrownBy(() -> Refund.fromAnswer(notificationShaped.getBytes(StandardCharsets.UTF_8), "1900000109"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("status");
    }
}
