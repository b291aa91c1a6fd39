package com.minishop.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.minishop.payment.wechat.NotificationRejectedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The pure parts of logging and reading a delivery: cleaning hostile text, the body cap, the codes. */
class CallbackLogTest {

    @Test
    void cleansControlCharactersAndCutsToTheColumn() {
        assertThat(CallbackLog.clean(null, 10)).isNull();
        assertThat(CallbackLog.clean("plain", 10)).isEqualTo("plain");
        assertThat(CallbackLog.clean("a\u0000b\nc\rd", 10)).isEqualTo("a?b?c?d");
        assertThat(CallbackLog.clean("0123456789abc", 10)).isEqualTo("0123456789");
        assertThat(CallbackLog.clean("支付成功", 10)).isEqualTo("支付成功");
        assertThat(CallbackLog.clean("\uD83D\uDE00!", 10)).isEqualTo("??!");
    }

    @Test
    void readsABodyUpToTheCapAndNoFurther() throws IOException {
        assertThat(NotifyResource.readCapped(new ByteArrayInputStream(new byte[10]), 10, 10))
                .hasSize(10);
        assertThat(NotifyResource.readCapped(new ByteArrayInputStream(new byte[11]), -1, 10))
                .isNull();
        var declaredTooLarge = new ByteArrayInputStream(new byte[5]);
        assertThat(NotifyResource.readCapped(declaredTooLarge, 11, 10)).isNull();
        assertThat(declaredTooLarge.available())
                .as("nothing read when the declared length is over the cap")
                .isEqualTo(5);
    }

    @Test
    void drainsOnlyUpToItsLimit() {
        assertThat(NotifyResource.drain(new ByteArrayInputStream(new byte[100_000]), 100_000))
                .isTrue();
        assertThat(NotifyResource.drain(new ByteArrayInputStream(new byte[0]), NotifyResource.DRAIN_LIMIT + 1))
                .isFalse();
        assertThat(NotifyResource.drain(new ByteArrayInputStream(new byte[NotifyResource.DRAIN_LIMIT + 1]), -1))
                .isFalse();
    }

    @Test
    void outcomesAnswerWithTheStatusesWechatIsPromised() {
        var expected = java.util.Map.ofEntries(
                java.util.Map.entry(CallbackOutcome.APPLIED, 204),
                        java.util.Map.entry(CallbackOutcome.APPLIED_FLAGGED, 204),
                java.util.Map.entry(CallbackOutcome.DUPLICATE, 204), java.util.Map.entry(CallbackOutcome.STALE, 204),
                java.util.Map.entry(CallbackOutcome.CONFLICT_FLAGGED, 204),
                        java.util.Map.entry(CallbackOutcome.IGNORED, 204),
                java.util.Map.entry(CallbackOutcome.RECORDED, 204),
                        java.util.Map.entry(CallbackOutcome.NOT_PAID_YET, 409),
                java.util.Map.entry(CallbackOutcome.UNKNOWN_TENANT, 404),
                        java.util.Map.entry(CallbackOutcome.ORDER_NOT_FOUND, 404),
                java.util.Map.entry(CallbackOutcome.MISMATCH, 422), java.util.Map.entry(CallbackOutcome.ERROR, 500));
        assertThat(CallbackOutcome.values())
                .allSatisfy(o -> assertThat(o.httpStatus()).as(o.name()).isEqualTo(expected.get(o)));
        // a duplicate never settles (its twin did), and nothing that WeChat must retry settles
        assertThat(CallbackOutcome.DUPLICATE.settles()).isFalse();
        assertThat(CallbackOutcome.NOT_PAID_YET.settles()).isFalse();
        assertThat(CallbackOutcome.ORDER_NOT_FOUND.settles()).isFalse();
        assertThat(CallbackOutcome.APPLIED.settles()).isTrue();
        assertThat(CallbackOutcome.ALL_CODES).contains("BAD_SIGNATURE", "BODY_TOO_LARGE", "TIMESTAMP_OUT_OF_WINDOW");
    }

    @Test
    void theServerLogGetsALineForEveryDeliveryThatNeedsALookAndNotForEveryPayment() {
        var d = new Delivery(1L, com.minishop.database.DbTime.now(), System.nanoTime(), "S", "1");
        java.util.function.BiFunction<CallbackOutcome, Integer, CallbackLogRow> row = (o, status) ->
                new CallbackLogRow(d, "n", "TRANSACTION.SUCCESS", true, o.name(), status, o.settles(), "o", "t", "m");
        assertThat(CallbackLog.logLevel(row.apply(CallbackOutcome.APPLIED, 204)))
                .isEqualTo(java.util.logging.Level.FINE);
        assertThat(CallbackLog.logLevel(row.apply(CallbackOutcome.DUPLICATE, 204)))
                .isEqualTo(java.util.logging.Level.FINE);
        assertThat(CallbackLog.logLevel(row.apply(CallbackOutcome.APPLIED_FLAGGED, 204)))
                .isEqualTo(java.util.logging.Level.WARNING);
        assertThat(CallbackLog.logLevel(row.apply(CallbackOutcome.CONFLICT_FLAGGED, 204)))
                .isEqualTo(java.util.logging.Level.WARNING);
        assertThat(CallbackLog.logLevel(row.apply(CallbackOutcome.MISMATCH, 422)))
                .isEqualTo(java.util.logging.Level.WARNING);
        assertThat(CallbackLog.logLevel(row.apply(CallbackOutcome.ERROR, 500)))
                .isEqualTo(java.util.logging.Level.WARNING);
        assertThat(CallbackLog.logLevel(row.apply(CallbackOutcome.ORDER_NOT_FOUND, 404)))
                .isEqualTo(java.util.logging.Level.INFO);
        var forged = CallbackLogRow.unverified(
                d,
                new com.minishop.payment.wechat.UnverifiedClaims("S", "1", null, null),
                NotificationRejectedException.Reason.BAD_SIGNATURE.name(),
                401,
                "bad signature");
        assertThat(CallbackLog.logLevel(forged)).isEqualTo(java.util.logging.Level.INFO);
    }
}
