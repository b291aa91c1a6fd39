package com.minishop.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.minishop.order.NewOrderRequest;
import com.minishop.order.OrderService;
import com.minishop.tenant.MerchantAccountRequest;
import com.minishop.tenant.MerchantAccountService;
import com.minishop.web.InvalidInputException;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** In the container: tenants cannot see or change each other's data, and secrets never reach the log. */
@ExtendWith(ArquillianExtension.class)
class TenancyIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.application(TenantProbe.class);
    }

    @EJB
    OrderService orders;

    @EJB
    MerchantAccountService accounts;

    @EJB
    TenantProbe probe;

    private static long newTenant() {
        return Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 1;
    }

    @Test
    void aTenantCannotReadOrChangeAnotherTenantsOrder() {
        long one = newTenant();
        long two = one + 1;
        orders.create(one, new NewOrderRequest("ORDER-ISO-1", 100L, null, "tenant one"));
        long id = probe.all(one).get(0).id();

        assertThat(orders.find(two, "ORDER-ISO-1")).isEmpty();
        assertThat(probe.findById(two, id)).isNull();
        assertThat(probe.all(two)).isEmpty();
        assertThat(probe.describe(two, "ORDER-ISO-1", "changed by tenant two")).isZero();
        assertThat(orders.find(one, "ORDER-ISO-1").orElseThrow().description()).isEqualTo("tenant one");

        assertThat(probe.describe(one, "ORDER-ISO-1", "changed by tenant one")).isEqualTo(1);
        assertThat(orders.find(one, "ORDER-ISO-1").orElseThrow().description()).isEqualTo("changed by tenant one");
    }

    @Test
    void aTenantIdBeyond32BitsIsReadAsTheNumberItIs() {
        long tenant = 5_000_000_000L + newTenant();
        List<LogRecord> warnings = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    synchronized (warnings) {
                        warnings.add(record);
                    }
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            orders.create(tenant, new NewOrderRequest("ORDER-WIDE-1", 100L, null, null));
            var read = probe.all(tenant);
            assertThat(read).hasSize(1);
            assertThat(read.get(0).tenantId()).isEqualTo(tenant);
            assertThat(orders.find(tenant, "ORDER-WIDE-1")).isPresent();
        } finally {
            root.removeHandler(capture);
        }
        // EclipseLink read tenant_id with getInt, failed, logged a WARNING and retried, for every row
        synchronized (warnings) {
            assertThat(warnings)
                    .noneMatch(record -> record.getThrown() != null
                            && String.valueOf(record.getThrown().getMessage()).contains("Bad value for type int"));
        }
    }

    @Test
    void accessWithoutATenantFailsInsteadOfSeeingAllTenants() {
        orders.create(newTenant(), new NewOrderRequest("ORDER-NOTENANT", 100L, null, null));
        assertThatThrownBy(() -> probe.withoutTenant())
                .isInstanceOf(EJBException.class)
                .hasStackTraceContaining("6174");
    }

    @Test
    void oneTransactionServesOneTenant() {
        long one = newTenant();
        assertThatThrownBy(() -> probe.switchTenant(one, probe, one + 1))
                .hasStackTraceContaining("refused tenant " + (one + 1));
        assertThat(probe.switchTenant(one, probe, one)).isEmpty();
    }

    @Test
    void theApiV3KeyNeverReachesTheLogOrTheDatabaseInPlainText() throws Exception {
        String secret =
                "LOGCHECK" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (records) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        Level before = Logger.getLogger("com.minishop").getLevel();
        Logger.getLogger("com.minishop").setLevel(Level.ALL);
        root.addHandler(capture);
        long tenant = newTenant();
        try {
            var key =
                    new MerchantAccountRequest.PlatformKeyInput("PUB_KEY_ID_0000000000000000000000000009", null, null);
            var valid = new MerchantAccountRequest(
                    "wx0000000000000001",
                    "1900000001",
                    secret,
                    List.of(new MerchantAccountRequest.PlatformKeyInput(key.serial(), publicKeyPem(), null)));
            accounts.replace(tenant, valid);
            assertThat(accounts.credentials(tenant).orElseThrow().apiV3Key())
                    .isEqualTo(secret.getBytes(StandardCharsets.US_ASCII));
            var invalid = new MerchantAccountRequest("wx0000000000000001", "1900000001", secret, List.of(key));
            assertThatThrownBy(() -> accounts.replace(tenant, invalid)).isInstanceOf(InvalidInputException.class);
            assertThat(valid.toString()).doesNotContain(secret);
        } finally {
            root.removeHandler(capture);
            Logger.getLogger("com.minishop").setLevel(before);
        }
        synchronized (records) {
            assertThat(records).isNotEmpty();
            for (LogRecord record : records) {
                String text = new java.util.logging.SimpleFormatter().format(record);
                assertThat(text).doesNotContain(secret);
            }
        }
        try (var connection = SuperuserConnection.open();
                var query = connection.prepareStatement("SELECT * FROM merchant_account WHERE tenant_id = ?")) {
            query.setLong(1, tenant);
            try (var row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    byte[] value = row.getBytes(column);
                    assertThat(value == null ? "" : new String(value, StandardCharsets.ISO_8859_1))
                            .doesNotContain(secret);
                }
            }
        }
    }

    @Test
    void anAccountChangedByAnotherInstanceReachesTheCachedCredentialsWithinSeconds() throws Exception {
        long tenant = newTenant();
        var key = new MerchantAccountRequest.PlatformKeyInput(
                "PUB_KEY_ID_0000000000000000000000000010", publicKeyPem(), null);
        accounts.replace(
                tenant, new MerchantAccountRequest("wx0000000000000001", "1900000001", "K".repeat(32), List.of(key)));
        // the replacement itself moves out of the poll's look-back, so no poll can still drop the entry
        // below (a poll in flight gets 2 s to finish), and the credentials are cached
        update(tenant, "UPDATE merchant_account SET updated_at = now() - interval '1 hour' WHERE tenant_id = ?");
        Thread.sleep(2_000);
        assertThat(accounts.credentials(tenant).orElseThrow().mchId()).isEqualTo("1900000001");
        // the row changes under the cache without a new updated_at: nothing tells the cache, and it does
        // not read through
        update(tenant, "UPDATE merchant_account SET mch_id = '1900000002' WHERE tenant_id = ?");
        assertThat(accounts.credentials(tenant).orElseThrow().mchId())
                .as("cached, not read again")
                .isEqualTo("1900000001");
        // another instance replaces the account: this instance's cache hears of it only through the poll
        update(tenant, "UPDATE merchant_account SET updated_at = now(), version = version + 1 WHERE tenant_id = ?");
        long deadline = System.nanoTime() + 5_000_000_000L;
        String seen = null;
        while (System.nanoTime() < deadline
                && !"1900000002"
                        .equals(
                                seen = accounts.credentials(tenant)
                                        .orElseThrow()
                                        .mchId())) {
            Thread.sleep(100);
        }
        assertThat(seen)
                .as("the change polled within 5 s, long before the cache's own expiry")
                .isEqualTo("1900000002");
    }

    private void update(long tenant, String sql) throws SQLException {
        // as the superuser: the service's role sees no tenant's rows outside a tenant's transaction
        try (var connection = SuperuserConnection.open();
                var update = connection.prepareStatement(sql)) {
            update.setLong(1, tenant);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static String publicKeyPem() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(generator.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}
