package com.minishop.order;

import com.minishop.web.InvalidInputException;
import jakarta.json.bind.annotation.JsonbCreator;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The body of {@code POST /api/v1/tenants/{tenantId}/orders}; {@code currency} defaults to CNY, {@code
 * expiresAt} (RFC 3339 with offset, 1 minute to 90 days ahead) to now plus the order TTL.
 */
public record NewOrderRequest(String orderNo, Long amountTotal, String currency, String description, String expiresAt) {

    static final Duration MIN_LIFETIME = Duration.ofMinutes(1);
    static final Duration MAX_LIFETIME = Duration.ofDays(90);
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(30);

    /** JSON-B reads bodies through this, the canonical constructor; absent fields are null. */
    @JsonbCreator
    public NewOrderRequest {}

    public NewOrderRequest(String orderNo, Long amountTotal, String currency, String description) {
        this(orderNo, amountTotal, currency, description, null);
    }

    Order toOrder(OffsetDateTime now) {
        return toOrder(now, DEFAULT_TTL, CheckSchedule.DEFAULT);
    }

    /** The new order, or a 400 naming the first field we refuse. */
    Order toOrder(OffsetDateTime now, Duration ttl, CheckSchedule schedule) {
        if (orderNo == null || !Order.ORDER_NO.matcher(orderNo).matches()) {
            throw new InvalidInputException("orderNo", "orderNo must be 6-32 of 0-9 A-Z a-z _ - | *");
        }
        if (amountTotal == null || amountTotal <= 0) {
            throw new InvalidInputException("amountTotal", "amountTotal must be a positive number of fen");
        }
        String currencyOrDefault = currency == null ? "CNY" : currency;
        if (!Order.CURRENCY.matcher(currencyOrDefault).matches()) {
            throw new InvalidInputException("currency", "currency must be an ISO 4217 code such as CNY");
        }
        if (description != null && description.length() > Order.DESCRIPTION_MAX) {
            throw new InvalidInputException(
                    "description", "description may have at most " + Order.DESCRIPTION_MAX + " characters");
        }
        return new Order(orderNo, amountTotal, currencyOrDefault, description, now, expiry(now, ttl), schedule);
    }

    /** WeChat Pay takes time_expire to the second, so the expiry is kept to the second too. */
    private OffsetDateTime expiry(OffsetDateTime now, Duration ttl) {
        if (expiresAt == null) {
            return now.plus(ttl).truncatedTo(ChronoUnit.SECONDS);
        }
        OffsetDateTime parsed;
        try {
            parsed = OffsetDateTime.parse(expiresAt, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    "expiresAt", "expiresAt must be an RFC 3339 time with offset, e.g. 2030-01-31T12:00:00+08:00");
        }
        if (parsed.isBefore(now.plus(MIN_LIFETIME)) || parsed.isAfter(now.plus(MAX_LIFETIME))) {
            throw new InvalidInputException(
                    "expiresAt", "expiresAt must be at least 1 minute and at most 90 days ahead");
        }
        return parsed.truncatedTo(ChronoUnit.SECONDS);
    }
}
