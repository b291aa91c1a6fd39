package com.minishop.tenant;

import com.minishop.web.InvalidInputException;

/** Tenant ids are positive 64-bit numbers, as in the original system ({@code tenantId: number}). */
public final class Tenants {

    private Tenants() {}

    /** Parses a tenant id from a URL path, refusing anything but a positive decimal number. */
    public static long parse(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 19 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidInputException("tenantId", "tenantId must be a positive decimal number");
        }
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("tenantId", "tenantId must be a positive decimal number");
        }
        return require(id);
    }

    /** The tenant id in a URL path, or null when it is not a positive decimal number. */
    public static Long tryParse(String raw) {
        try {
            return parse(raw);
        } catch (InvalidInputException e) {
            return null;
        }
    }

    public static long require(long tenantId) {
        if (tenantId <= 0) {
            throw new InvalidInputException("tenantId", "tenantId must be a positive decimal number");
        }
        return tenantId;
    }
}
