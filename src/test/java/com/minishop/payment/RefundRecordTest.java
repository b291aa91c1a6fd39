package com.minishop.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.minishop.order.CheckSchedule;
import com.minishop.payment.wechat.Refund;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** A refund started here: recorded UNKNOWN, checked on the schedule, given WeChat's ids by its first answer. */
class RefundRecordTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-02T10:00:00+08:00");
    private static final CheckSchedule SCHEDULE = CheckSchedule.parse("60,300", 300);

    private static RefundRecord started(long amount) {
        return RefundRecord.started(7, "ORDER-1", "4200001", 1_000, "RF-1", amount, "坏了", NOW, SCHEDULE);
    }

    private static Refund answer(String status, long refund, String transactionId) {
        return new Refund(
                "1900000109",
                "ORDER-1",
                transactionId,
                "RF-1",
                "50300001",
                status,
                "SUCCESS".equals(status) ? NOW.plusMinutes(2) : null,
                null,
                new Refund.Amount(1_000, refund, 1_000, refund));
    }

    @Test
    void aStartedRefundIsUnknownHoldsTheMoneyAndIsCheckedOnTheSchedule() {
        RefundRecord r = started(300);
        assertThat(r.refundStatus()).isEqualTo("UNKNOWN");
        assertThat(r.refundId()).isNull();
        assertThat(r.holdsMoney()).isTrue();
        assertThat(r.settled()).isFalse();
        assertThat(r.checkDueAt()).isEqualTo(NOW.plusSeconds(60));
        r.checked(NOW.plusSeconds(61), SCHEDULE);
        assertThat(r.checkDueAt()).isEqualTo(NOW.plusSeconds(300));
        r.checked(NOW.plusSeconds(301), SCHEDULE);
        assertThat(r.checkDueAt()).as("then every last step").isEqualTo(NOW.plusSeconds(600));
    }

    @Test
    void theFirstAnswerGivesWeChatsIdsAndASettledStatusEndsTheChecks() {
        RefundRecord r = started(300);
        assertThat(r.sameRefundAs(answer("PROCESSING", 300, "4200001"))).isTrue();
        assertThat(r.sameRefundAs(answer("PROCESSING", 301, "4200001"))).isFalse();
        assertThat(r.sameRefundAs(answer("PROCESSING", 300, "4200002"))).isFalse();
        r.answered(answer("PROCESSING", 300, "4200001"), "REQ-1", NOW.plusSeconds(1), SCHEDULE);
        assertThat(r.refundId()).isEqualTo("50300001");
        assertThat(r.checkDueAt()).isNotNull();
        r.answered(answer("SUCCESS", 300, "4200001"), "REQ-2", NOW.plusSeconds(90), SCHEDULE);
        assertThat(r.settled()).isTrue();
        assertThat(r.checkDueAt()).isNull();
        assertThat(r.successTime()).isEqualTo(NOW.plusMinutes(2));
        r.markApplied(NOW.plusSeconds(91));
        assertThatThrownBy(() -> r.markApplied(NOW.plusSeconds(92))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closedAndRefusedRefundsNoLongerHoldTheMoney() {
        RefundRecord closed = started(300);
        closed.answered(answer("CLOSED", 300, "4200001"), "REQ-1", NOW.plusSeconds(1), SCHEDULE);
        assertThat(closed.holdsMoney()).isFalse();
        assertThat(closed.checkDueAt()).isNull();
        RefundRecord refused = started(300);
        refused.refused("REQ-2", NOW.plusSeconds(1));
        assertThat(refused.refundStatus()).isEqualTo("CLOSED");
        assertThat(refused.holdsMoney()).isFalse();
        assertThatThrownBy(() -> closed.refused("REQ-3", NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aStartedRefundChecksItsInput() {
        assertThatThrownBy(() -> started(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> started(1_001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RefundRecord.started(7, "ORDER-1", "4200001", 1_000, "RF 1", 1, null, NOW, SCHEDULE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RefundRecord.started(7, "ORDER-1", null, 1_000, "RF-1", 1, null, NOW, SCHEDULE))
                .isInstanceOf(NullPointerException.class);
        assertThat(started(1_000).amountRefund()).isEqualTo(1_000);
    }
}
