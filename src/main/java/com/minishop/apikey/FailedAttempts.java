package com.minishop.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing: a source (client address) with {@link #LIMIT} failed key checks within {@link
 * #WINDOW} is answered 429 without any check until its window ends. Kept per instance and in memory; at
 * most {@link #MAX_SOURCES} sources are remembered (then expired ones are dropped, and if none has, all
 * are: a flood of addresses cannot exhaust the memory).
 */
final class FailedAttempts {

    static final int LIMIT = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_SOURCES = 100_000;

    private record Window(Instant start, int failures) {}

    private final Map<String, Window> sources = new ConcurrentHashMap<>();

    /** How long the source must wait before it is heard again; zero when it may try now. */
    Duration waitFor(String source, Instant now) {
        Window window = sources.get(source);
        if (window == null || window.failures() < LIMIT) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, window.start().plus(WINDOW));
        return left.isNegative() || left.isZero() ? Duration.ZERO : left;
    }

    void failed(String source, Instant now) {
        if (sources.size() >= MAX_SOURCES) {
            sources.values().removeIf(w -> !w.start().plus(WINDOW).isAfter(now));
            if (sources.size() >= MAX_SOURCES) {
                sources.clear();
            }
        }
        sources.merge(
                source,
                new Window(now, 1),
                (old, first) ->
                        old.start().plus(WINDOW).isAfter(now) ? new Window(old.start(), old.failures() + 1) : first);
    }
}
