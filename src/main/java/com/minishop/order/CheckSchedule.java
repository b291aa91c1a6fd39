package com.minishop.order;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When an unpaid order is asked about at WeChat Pay: {@code steps} counted from its prepay (or its
 * creation, if it was never prepaid here), then every last step until it is settled; and how long after
 * its expiry it is closed. From {@code PAYMENT_QUERY_SCHEDULE} and {@code PAYMENT_CLOSE_AFTER_SECONDS}.
 */
public record CheckSchedule(List<Duration> steps, Duration closeAfter) {

    public static final CheckSchedule DEFAULT = parse("60,120,300,600,1800", 300);

    public CheckSchedule {
        steps = List.copyOf(steps);
        Objects.requireNonNull(closeAfter);
        if (steps.isEmpty() || closeAfter.isNegative()) {
            throw new IllegalArgumentException("a schedule needs at least one step and a close delay of 0 or more");
        }
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).isNegative()
                    || steps.get(i).isZero()
                    || (i > 0 && steps.get(i).compareTo(steps.get(i - 1)) <= 0)) {
                throw new IllegalArgumentException("schedule steps must be positive and increasing");
            }
        }
    }

    /** {@code "60,120,300"}: seconds, positive and increasing. */
    public static CheckSchedule parse(String seconds, long closeAfterSeconds) {
        List<Duration> steps = new ArrayList<>();
        for (String step : seconds.split(",")) {
            try {
                steps.add(Duration.ofSeconds(Long.parseLong(step.trim())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("schedule step '" + step.trim() + "' is not a number of seconds");
            }
        }
        return new CheckSchedule(steps, Duration.ofSeconds(closeAfterSeconds));
    }

    public Duration first() {
        return steps.get(0);
    }

    /** The time of check number {@code step} (0 = the first) of an order whose clock started at {@code base}. */
    public OffsetDateTime due(OffsetDateTime base, int step) {
        int last = steps.size() - 1;
        if (step <= last) {
            return base.plus(steps.get(step));
        }
        return base.plus(steps.get(last).multipliedBy(step - last + 1L));
    }
}
