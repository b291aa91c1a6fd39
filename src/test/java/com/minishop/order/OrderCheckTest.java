package com.minishop.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.minishop.web.InvalidInputException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** An order's expiry, its prepay and when it is next asked about at WeChat Pay. */
class OrderCheckTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final CheckSchedule SCHEDULE = CheckSchedule.parse("60,120,300", 300);

    private static Order order(OffsetDateTime expiresAt) {
        return new Order("ORDER-0001", 100, "CNY", null, NOW, expiresAt, SCHEDULE);
    }

    @Test
    void checksFollowTheScheduleThenEveryLastStepFromThePrepay() {
        Order order = order(NOW.plusHours(2));
        assertThat(order.checkDueAt()).isEqualTo(NOW.plusSeconds(60));
        order.checked(NOW.plusSeconds(60), SCHEDULE);
        assertThat(order.checkDueAt()).isEqualTo(NOW.plusSeconds(120));
        order.prepaid("wx1", "openid-1", NOW.plusSeconds(100), SCHEDULE);
        assertThat(order.checkDueAt()).as("counted from the prepay").isEqualTo(NOW.plusSeconds(160));
        order.checked(NOW.plusSeconds(160), SCHEDULE);
        order.checked(NOW.plusSeconds(220), SCHEDULE);
        assertThat(order.checkDueAt()).isEqualTo(NOW.plusSeconds(400));
        order.checked(NOW.plusSeconds(400), SCHEDULE);
        assertThat(order.checkDueAt()).as("every last step after the last").isEqualTo(NOW.plusSeconds(700));
        order.checked(NOW.plusSeconds(3_000), SCHEDULE);
        assertThat(order.checkDueAt()).as("steps in the past are skipped").isEqualTo(NOW.plusSeconds(3_100));
    }

    @Test
    void noCheckLaterThanTheCloseAndNoneOnceSettled() {
        Order order = order(NOW.plusMinutes(2));
        order.checked(NOW.plusSeconds(60), SCHEDULE);
        order.checked(NOW.plusSeconds(120), SCHEDULE);
        assertThat(order.checkDueAt()).isEqualTo(NOW.plusSeconds(300));
        order.checked(NOW.plusSeconds(300), SCHEDULE);
        assertThat(order.checkDueAt())
                .as("not the step at 600 s")
                .isEqualTo(NOW.plusMinutes(2).plus(SCHEDULE.closeAfter()));
        assertThat(order.closeDue(NOW.plusMinutes(7), SCHEDULE.closeAfter())).isTrue();
        assertThat(order.closeDue(NOW.plusMinutes(7).minusSeconds(1), SCHEDULE.closeAfter()))
                .isFalse();
        order.paymentClosed(NOW.plusMinutes(7));
        assertThat(order.checkDueAt()).isNull();
        order.checked(NOW.plusMinutes(8), SCHEDULE);
        assertThat(order.checkDueAt()).isNull();
    }

    @Test
    void aFailedCheckIsRetriedAfterTheDelay() {
        Order order = order(NOW.plusHours(1));
        order.checkFailed(NOW.plusSeconds(61), Duration.ofSeconds(60));
        assertThat(order.checkDueAt()).isEqualTo(NOW.plusSeconds(121));
        order.paymentSucceeded("4200000001", NOW, NOW.plusSeconds(130));
        assertThat(order.checkDueAt()).isNull();
    }

    @Test
    void thePrepayIdIsHandedOutAgainOnlyForTheSamePayerWhileValid() {
        Order order = order(NOW.plusHours(3));
        assertThat(order.reusablePrepayId("openid-1", NOW)).isEmpty();
        order.prepaid("wx1", "openid-1", NOW, SCHEDULE);
        assertThat(order.reusablePrepayId("openid-1", NOW.plusMinutes(114))).contains("wx1");
        assertThat(order.reusablePrepayId("openid-1", NOW.plusMinutes(115)))
                .as("too close to its end")
                .isEmpty();
        assertThat(order.reusablePrepayId("openid-2", NOW)).isEmpty();
    }

    @Test
    void expiresAtIsOneMinuteToNinetyDaysAheadWithAnOffset() {
        var now = NOW;
        assertThat(new NewOrderRequest("ORDER-0002", 100L, null, null, null)
                        .toOrder(now, Duration.ofMinutes(30), SCHEDULE)
                        .expiresAt())
                .isEqualTo(now.plusMinutes(30));
        assertThat(new NewOrderRequest("ORDER-0002", 100L, null, null, "2026-01-01T20:01:00.123+08:00")
                        .toOrder(now, Duration.ofMinutes(30), SCHEDULE)
                        .expiresAt())
                .isEqualTo(now.plusMinutes(1));
        for (String bad :
                new String[] {"2026-01-01T20:00:59+08:00", "2026-04-02T12:00:01Z", "2026-01-01T13:00:00", "soon"}) {
            assertThatThrownBy(() -> new NewOrderRequest("ORDER-0002", 100L, null, null, bad)
                            .toOrder(now, Duration.ofMinutes(30), SCHEDULE))
                    .as(bad)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field())
                            .isEqualTo("expiresAt"));
        }
    }

    @Test
    void aScheduleIsPositiveAndIncreasing() {
        assertThat(CheckSchedule.parse(" 5, 10 ", 0).due(NOW, 4)).isEqualTo(NOW.plusSeconds(40));
        for (String bad : new String[] {"", "10,5", "0,5", "a"}) {
            assertThatThrownBy(() -> CheckSchedule.parse(bad, 300))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
