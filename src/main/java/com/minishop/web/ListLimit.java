package com.minishop.web;

/** The {@code limit} query parameter of the admin listings: 1 to a maximum, a default when absent. */
public final class ListLimit {

    private ListLimit() {}

    public static int parse(String raw, int defaultLimit, int max) {
        if (raw == null) {
            return defaultLimit;
        }
        int limit;
        try {
            limit = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > max) {
            throw new InvalidInputException("limit", "limit must be a number from 1 to " + max);
        }
        return limit;
    }
}
