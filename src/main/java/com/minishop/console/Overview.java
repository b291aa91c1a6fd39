package com.minishop.console;

import com.minishop.database.DbTime;
import com.minishop.tenant.CrossTenant;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The console's first page: deliveries per outcome over the last 24 hours (hourly) and 7 days (daily),
 * what needs a person, and the sweep's backlog. Later sources (reconciliation days) become further
 * fields of {@link Summary}; the console shows a section only when its field is present. Counts across
 * tenants, hence through {@link CrossTenant}.
 */
@Stateless
public class Overview {

    /** Deliveries of one outcome in a window; {@code httpClass} is 2, 4 or 5 (the answer's first digit). */
    public record OutcomeCount(String outcome, int httpClass, long count) {}

    /** One bar of the chart: deliveries answered 2xx (ok), 4xx (refused) and 5xx (failed). */
    public record Bucket(OffsetDateTime start, long ok, long refused, long failed) {}

    public record Window(
            String name,
            OffsetDateTime from,
            OffsetDateTime to,
            long bucketSeconds,
            long total,
            List<OutcomeCount> byOutcome,
            List<Bucket> buckets) {}

    public record Attention(int groups, long occurrences) {}

    /** Unpaid orders of tenants with API access whose next query is due, and the longest-waiting one's due time. */
    public record Sweep(long due, OffsetDateTime oldestDueAt) {}

    public record Summary(OffsetDateTime generatedAt, List<Window> windows, Attention needsAttention, Sweep sweep) {}

    @Inject
    private CrossTenant crossTenant;

    @Inject
    private AttentionQueue attention;

    public Summary summary() {
        OffsetDateTime now = DbTime.now();
        OffsetDateTime nextHour = now.truncatedTo(ChronoUnit.HOURS).plusHours(1);
        OffsetDateTime nextDay = now.truncatedTo(ChronoUnit.DAYS).plusDays(1);
        var groups = attention.groups();
        return new Summary(
                now,
                List.of(
                        window("24h", nextHour.minusHours(24), nextHour, Duration.ofHours(1)),
                        window("7d", nextDay.minusDays(7), nextDay, Duration.ofDays(1))),
                new Attention(
                        groups.size(),
                        groups.stream().mapToLong(AttentionQueue.Group::count).sum()),
                sweep());
    }

    private Sweep sweep() {
        // the orders the sweep works on: due, unsettled (only those have a due time), tenant with API access
        String sql =
                "SELECT count(*), min(o.check_due_at) FROM orders o JOIN merchant_account a ON a.tenant_id = o.tenant_id"
                        + " WHERE o.check_due_at <= now() AND a.merchant_private_key_encrypted IS NOT NULL";
        try {
            return crossTenant.run("sweep backlog", connection -> {
                try (var statement = connection.prepareStatement(sql);
                        var row = statement.executeQuery()) {
                    row.next();
                    return new Sweep(row.getLong(1), row.getObject(2, OffsetDateTime.class));
                }
            });
        } catch (SQLException e) {
            throw new PersistenceException("sweep backlog not readable", e);
        }
    }

    private Window window(String name, OffsetDateTime from, OffsetDateTime to, Duration bucket) {
        Map<OffsetDateTime, long[]> buckets = new TreeMap<>();
        for (var start = from; start.isBefore(to); start = start.plus(bucket)) {
            buckets.put(start, new long[3]);
        }
        Map<String, OutcomeCount> byOutcome = new LinkedHashMap<>();
        long[] total = {0};
        String sql = "SELECT date_bin(make_interval(secs => ?), received_at, ?) AS bucket, outcome, http_status / 100"
                + " AS class, count(*) FROM callback_log WHERE received_at >= ? AND received_at < ?"
                + " GROUP BY 1, 2, 3 ORDER BY 4 DESC";
        try {
            crossTenant.run("deliveries per outcome", connection -> {
                count(connection, sql, from, to, bucket, buckets, byOutcome, total);
                return null;
            });
        } catch (SQLException e) {
            throw new PersistenceException("callback log not readable", e);
        }
        List<Bucket> bars = new ArrayList<>();
        buckets.forEach((start, c) -> bars.add(new Bucket(start, c[0], c[1], c[2])));
        var outcomes = byOutcome.values().stream()
                .sorted((a, b) -> Long.compare(b.count(), a.count()))
                .toList();
        return new Window(name, from, to, bucket.toSeconds(), total[0], outcomes, bars);
    }

    private static void count(
            Connection connection,
            String sql,
            OffsetDateTime from,
            OffsetDateTime to,
            Duration bucket,
            Map<OffsetDateTime, long[]> buckets,
            Map<String, OutcomeCount> byOutcome,
            long[] total)
            throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.setLong(1, bucket.toSeconds());
            statement.setObject(2, from);
            statement.setObject(3, from);
            statement.setObject(4, to);
            try (var row = statement.executeQuery()) {
                while (row.next()) {
                    var start = row.getObject(1, OffsetDateTime.class).withOffsetSameInstant(from.getOffset());
                    String outcome = row.getString(2);
                    int httpClass = row.getInt(3);
                    long count = row.getLong(4);
                    total[0] += count;
                    byOutcome.merge(
                            outcome,
                            new OutcomeCount(outcome, httpClass, count),
                            (a, b) -> new OutcomeCount(
                                    outcome, Math.max(a.httpClass(), b.httpClass()), a.count() + b.count()));
                    long[] bar = buckets.get(start);
                    if (bar != null) {
                        bar[httpClass >= 5 ? 2 : httpClass == 4 ? 1 : 0] += count;
                    }
                }
            }
        }
    }
}
