package com.minishop.tenant;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings a merchant account replaced on another instance into this instance's credentials cache within
 * about a second, so the cache can keep every tenant's credentials for long (with thousands of tenants
 * a short expiry would reload most of them on their next callback). Every second it reads which
 * accounts changed in the last {@link #LOOK_BACK} (by the database's clock; the index on {@code
 * updated_at} keeps that to the changed rows) and drops their cached credentials, once per change. The
 * look-back covers writers whose clocks run behind; should polling fail, entries still expire after
 * {@link MerchantCredentialsCache#TIME_TO_LIVE}. Reads across tenants, hence through {@link CrossTenant}.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MerchantAccountChanges {

    static final Duration LOOK_BACK = Duration.ofSeconds(60);

    private static final Logger LOG = Logger.getLogger(MerchantAccountChanges.class.getName());

    @Inject
    private CrossTenant crossTenant;

    @Inject
    private MerchantCredentialsCache cache;

    private final Seen seen = new Seen();
    private boolean failing;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    void poll() {
        List<Change> changes;
        try {
            changes = crossTenant.run("merchant account changes", connection -> {
                List<Change> changed = new ArrayList<>();
                try (var query = connection.prepareStatement(
                        "SELECT tenant_id, updated_at FROM merchant_account WHERE updated_at > now() - make_interval(secs => ?)")) {
                    query.setLong(1, LOOK_BACK.toSeconds());
                    try (var rows = query.executeQuery()) {
                        while (rows.next()) {
                            changed.add(new Change(
                                    rows.getLong(1),
                                    rows.getObject(2, OffsetDateTime.class).toInstant()));
                        }
                    }
                }
                return changed;
            });
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                LOG.log(
                        Level.WARNING,
                        "cannot read merchant account changes (cached credentials expire after {0}"
                                + " meanwhile): {1}",
                        new Object[] {MerchantCredentialsCache.TIME_TO_LIVE, e.toString()});
            }
            failing = true;
            return;
        }
        if (failing) {
            LOG.info("reading merchant account changes again");
            failing = false;
        }
        for (long tenantId : seen.fresh(changes, Instant.now())) {
            cache.invalidate(tenantId);
        }
    }

    /** A merchant account's last change. */
    record Change(long tenantId, Instant updatedAt) {}

    /** Which changes have not been acted on yet; remembers each for twice the look-back. */
    static final class Seen {
        private final Map<Long, Instant> actedOn = new HashMap<>();

        List<Long> fresh(List<Change> changes, Instant now) {
            List<Long> fresh = new ArrayList<>();
            for (Change change : changes) {
                if (!change.updatedAt().equals(actedOn.put(change.tenantId(), change.updatedAt()))) {
                    fresh.add(change.tenantId());
                }
            }
            Instant forgotten = now.minus(LOOK_BACK.multipliedBy(2));
            actedOn.values().removeIf(updatedAt -> updatedAt.isBefore(forgotten));
            return fresh;
        }
    }
}
