package com.minishop.reconciliation;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Tenants whose calls to WeChat Pay were throttled or failed (429, 5xx, unreachable) rest for a while:
 * 1 s after the first failure, doubling up to a minute, forgotten at the first success. Only that tenant
 * slows down; the others keep their share of the sweep.
 */
final class TenantBackoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofMinutes(1);

    private record Rest(long untilNanos, int failures) {}

    private final ConcurrentHashMap<Long, Rest> resting = new ConcurrentHashMap<>();

    void failed(long tenantId, long nowNanos) {
        resting.compute(tenantId, (id, rest) -> {
            int failures = rest == null ? 1 : rest.failures() + 1;
            long delay = Math.min(MAX.toNanos(), FIRST.toNanos() << Math.min(failures - 1, 16));
            return new Rest(nowNanos + delay, failures);
        });
    }

    void succeeded(long tenantId) {
        resting.remove(tenantId);
    }

    /** The tenants resting now (their failures are remembered until a success). */
    Set<Long> resting(long nowNanos) {
        return resting.entrySet().stream()
                .filter(e -> e.getValue().untilNanos() - nowNanos > 0)
                .map(java.util.Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
