package com.minishop.console;

import com.minishop.database.DbTime;
import com.minishop.tenant.CrossTenant;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each tenant's merchant account at a glance: ids, platform keys with their expiry, the last delivery.
 * Never a secret: the APIv3 key is not read, and key PEMs (public, but long) stay in the account API.
 * Lists across tenants, hence through {@link CrossTenant} (which is granted these columns only).
 */
@Stateless
public class TenantAccounts {

    /** A key expiring within this many days is shown with a warning. */
    static final int EXPIRY_WARNING_DAYS = 30;

    public enum Expiry {
        VALID,
        EXPIRES_SOON,
        EXPIRED
    }

    /** A platform key; {@code expiry} only for keys with an end date (certificates). */
    public record Key(String serial, String type, OffsetDateTime notBefore, OffsetDateTime notAfter, Expiry expiry) {}

    public record LastDelivery(OffsetDateTime at, String eventType, String outcome, int httpStatus) {}

    public record Tenant(
            long tenantId,
            String appId,
            String mchId,
            boolean apiAccess,
            String merchantCertificateSerial,
            List<Key> platformKeys,
            LastDelivery lastDelivery,
            OffsetDateTime accountUpdatedAt) {}

    private static final String ACCOUNTS =
            """
            SELECT a.tenant_id, a.app_id, a.mch_id, a.updated_at, l.received_at, l.event_type, l.outcome, l.http_status,
                   a.merchant_certificate_serial
            FROM merchant_account a
            LEFT JOIN LATERAL (SELECT received_at, event_type, outcome, http_status FROM callback_log c
                               WHERE c.tenant_id = a.tenant_id ORDER BY received_at DESC, id DESC LIMIT 1) l ON true
            WHERE a.tenant_id > ? ORDER BY a.tenant_id LIMIT ?
            """;

    @Inject
    private CrossTenant crossTenant;

    /** Tenants with a merchant account after {@code afterTenantId}, by tenant id. */
    public List<Tenant> list(long afterTenantId, int limit) {
        OffsetDateTime now = DbTime.now();
        try {
            return crossTenant.run("merchant accounts", connection -> list(connection, afterTenantId, limit, now));
        } catch (SQLException e) {
            throw new PersistenceException("merchant accounts not readable", e);
        }
    }

    private static List<Tenant> list(Connection connection, long afterTenantId, int limit, OffsetDateTime now)
            throws SQLException {
        List<Object[]> accounts = new ArrayList<>();
        try (var statement = connection.prepareStatement(ACCOUNTS)) {
            statement.setLong(1, afterTenantId);
            statement.setInt(2, limit);
            try (var row = statement.executeQuery()) {
                while (row.next()) {
                    OffsetDateTime last = row.getObject(5, OffsetDateTime.class);
                    accounts.add(new Object[] {
                        row.getLong(1),
                        row.getString(2),
                        row.getString(3),
                        row.getObject(4, OffsetDateTime.class),
                        last == null ? null : new LastDelivery(last, row.getString(6), row.getString(7), row.getInt(8)),
                        row.getString(9)
                    });
                }
            }
        }
        Map<Long, List<Key>> keys = new HashMap<>();
        try (var statement = connection.prepareStatement(
                "SELECT tenant_id, serial, type, not_before, not_after FROM merchant_platform_key"
                        + " WHERE tenant_id = ANY (?) ORDER BY serial")) {
            statement.setArray(
                    1,
                    connection.createArrayOf(
                            "bigint", accounts.stream().map(a -> a[0]).toArray()));
            try (var row = statement.executeQuery()) {
                while (row.next()) {
                    OffsetDateTime notAfter = row.getObject(5, OffsetDateTime.class);
                    keys.computeIfAbsent(row.getLong(1), t -> new ArrayList<>())
                            .add(new Key(
                                    row.getString(2),
                                    row.getString(3),
                                    row.getObject(4, OffsetDateTime.class),
                                    notAfter,
                                    expiry(notAfter, now)));
                }
            }
        }
        return accounts.stream()
                .map(a -> new Tenant(
                        (Long) a[0],
                        (String) a[1],
                        (String) a[2],
                        a[5] != null,
                        (String) a[5],
                        keys.getOrDefault((Long) a[0], List.of()),
                        (LastDelivery) a[4],
                        (OffsetDateTime) a[3]))
                .toList();
    }

    static Expiry expiry(OffsetDateTime notAfter, OffsetDateTime now) {
        if (notAfter == null) {
            return null;
        }
        if (!notAfter.isAfter(now)) {
            return Expiry.EXPIRED;
        }
        return notAfter.isBefore(now.plusDays(EXPIRY_WARNING_DAYS)) ? Expiry.EXPIRES_SOON : Expiry.VALID;
    }
}
