package com.minishop.web;

/** The {@code limit} query parameter of the listing endpoints. */
public final class QueryLimit {

    private QueryLimit() {}

    /** The limit, {@code fallback} when absent; 400 naming {@code limit} unless a number from 1 to max. */
    public static int parse(String raw, int fallback, int max) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 1 || value > max) {
            throw new InvalidInputException("limit", "limit must be a number from 1 to " + max);
        }
        return value;
    }
}
