package com.minishop.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.minishop.payment.wechat.NotificationResource;
import com.minishop.payment.wechat.Refund;
import com.minishop.payment.wechat.Transaction;
import com.minishop.payment.wechat.VerifiedNotification;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerifiedContentTest {

    private static final OffsetDateTime PAID = OffsetDateTime.parse("2018-06-08T10:34:56+08:00");

    private static Transaction transaction(String mchId, String outTradeNo, String transactionId, String attach) {
        return new Transaction(
                "wxd678efh567hg6787",
                mchId,
                outTradeNo,
                transactionId,
                "JSAPI",
                "SUCCESS",
                "支付成功",
                "CMC",
                attach,
                PAID,
                new Transaction.Payer("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"),
                new Transaction.Amount(100, 100, "CNY", "CNY"));
    }

    private static VerifiedNotification notification(String id, NotificationResource resource) {
        return new VerifiedNotification(
                id, "TRANSACTION.SUCCESS", PAID, "支付成功", "PUB_KEY_ID_1", Instant.EPOCH, resource);
    }

    @Test
    void acceptsWhatWechatSends() {
        assertThat(VerifiedContent.problem(notification(
                        "EV-2018022511223320873",
                        transaction("1230000109", "1217752501201407033233368018", "1217752501201407033233368018", ""))))
                .isNull();
        var refund = new Refund(
                "1230000109",
                "1217752501201407033233368018",
                "1217752501201407033233368018",
                "RF-1217752501201407033233368018",
                "1217752501201407033233368018",
                "SUCCESS",
                PAID,
                "招商银行信用卡0403",
                new Refund.Amount(100, 50, 100, 50));
        assertThat(VerifiedContent.problem(notification("EV-1", refund))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "an id with spaces", "id\u0000", "支付"})
    void refusesAnIdThatIsNotPrintableAscii(String id) {
        assertThat(VerifiedContent.problem(notification(id, transaction("1230000109", "ORDER-0001", "4200001", ""))))
                .contains("id");
    }

    @Test
    void namesTheFieldThatDoesNotFit() {
        assertThat(VerifiedContent.problem(notification("EV-1", transaction("12'; --", "ORDER-0001", "4200001", ""))))
                .startsWith("mchid");
        assertThat(VerifiedContent.problem(notification("EV-1", transaction("1230000109", "<script>", "4200001", ""))))
                .startsWith("out_trade_no");
        assertThat(VerifiedContent.problem(
                        notification("EV-1", transaction("1230000109", "ORDER-0001", "4".repeat(33), ""))))
                .startsWith("transaction_id");
        assertThat(VerifiedContent.problem(
                        notification("EV-1", transaction("1230000109", "ORDER-0001", "4200001", "x".repeat(129)))))
                .startsWith("attach");
    }
}
