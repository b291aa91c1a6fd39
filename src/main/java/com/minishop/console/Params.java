package com.minishop.console;

import com.minishop.tenant.Tenants;
import com.minishop.web.InvalidInputException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The console endpoints' query parameters, each refused with a 400 naming it when it is not valid. */
final class Params {

    private Params() {}

    /** An ISO-8601 date-time with offset ({@code 2026-12-01T08:00:00Z}), or null when absent. */
    static OffsetDateTime time(String raw, String field) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " must be an ISO-8601 date-time with offset");
        }
    }

    /** A tenant id, or null when absent. */
    static Long tenant(String raw) {
        return raw == null || raw.isEmpty() ? null : Tenants.parse(raw);
    }

    /** Free text of at most {@code max} characters without control characters, or null when blank. */
    static String text(String raw, String field, int max) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.trim();
        if (value.length() > max || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(
                    field, field + " must be at most " + max + " characters without control characters");
        }
        return value;
    }
}
