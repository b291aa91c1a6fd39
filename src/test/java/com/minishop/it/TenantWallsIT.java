package com.minishop.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.minishop.order.NewOrderRequest;
import com.minishop.order.OrderService;
import com.minishop.tenant.CrossTenant;
import com.minishop.tools.EmbeddedDatabase;
import com.minishop.tools.PayaraProcess;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The two walls between tenants below the admin: tenants' own API keys (over real HTTP, on this
 * deployment and on a second instance sharing its database) and PostgreSQL's row-level security (in the
 * container, with native SQL that names no tenant; and the refusal to run as a superuser).
 */
@ExtendWith(ArquillianExtension.class)
class TenantWallsIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.application(RowSecurityProbe.class);
    }

    @EJB
    OrderService orders;

    @EJB
    RowSecurityProbe probe;

    @Inject
    CrossTenant crossTenant;

    @ArquillianResource
    URL base;

    private static long newTenant() {
        return Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 1;
    }

    // ---- row-level security, in the container ----

    @Test
    void aNativeQueryWithoutTenantConditionSeesOnlyTheBoundTenantsRows() throws SQLException {
        long a = newTenant();
        long b = a + 1;
        orders.create(a, new NewOrderRequest("RLS-A-1", 100L, null, null));
        orders.create(a, new NewOrderRequest("RLS-A-2", 100L, null, null));
        orders.create(b, new NewOrderRequest("RLS-B-1", 100L, null, null));

        assertThat(probe.orderTenantsSeenBy(a)).containsExactly(a, a);
        assertThat(probe.orderTenantsSeenBy(b)).containsExactly(b);
    }

    @Test
    void aRowOfAnotherTenantCannotBeWrittenInATenantsTransaction() throws SQLException {
        long a = newTenant();
        long b = a + 1;
        assertThatThrownBy(() -> probe.insertOrderOf(a, b, "RLS-FOREIGN"))
                .hasStackTraceContaining("row-level security policy");
        assertThat(probe.insertOrderOf(a, a, "RLS-OWN")).isEqualTo(1);
        try (var db = SuperuserConnection.open();
                var query = db.prepareStatement("SELECT tenant_id FROM orders WHERE order_no LIKE 'RLS-%WN'")) {
            var rows = query.executeQuery();
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isEqualTo(a);
        }
    }

    @Test
    void withNoTenantBoundNothingIsVisibleAndNothingAccepted() throws SQLException {
        long a = newTenant();
        orders.create(a, new NewOrderRequest("RLS-NONE", 100L, null, null));
        try (var db = SuperuserConnection.open();
                var call = db.prepareStatement(
                        "INSERT INTO wechatpay_call (id, tenant_id, called_at, operation, trigger, duration_ms, outcome)"
                                + " VALUES (nextval('wechatpay_call_id_seq'), ?, now(), 'QUERY', 'API', 1, 'OK')");
                var action = db.prepareStatement(
                        "INSERT INTO attention_action (tenant_id, kind, action, note, actor, acted_at, covers_until)"
                                + " VALUES (?, 'MISMATCH', 'ACKNOWLEDGE', 'test', 'test', now(), now())");
                var day = db.prepareStatement(
                        "INSERT INTO reconciliation (tenant_id, bill_date, status) VALUES (?, current_date, 'PENDING')"
                                + " RETURNING id");
                var discrepancy = db.prepareStatement(
                        "INSERT INTO reconciliation_discrepancy (tenant_id, reconciliation_id, run_number, kind,"
                                + " resolution, line) VALUES (?, ?, 1, 'UNREADABLE_ROW', 'FLAGGED', 2)");
                var billRow =
                        db.prepareStatement("INSERT INTO bill_row (tenant_id, reconciliation_id, line, kind, reason)"
                                + " VALUES (?, ?, 2, 'U', 'test')")) {
            call.setLong(1, a);
            call.executeUpdate();
            action.setLong(1, a);
            action.executeUpdate();
            day.setLong(1, a);
            var planted = day.executeQuery();
            planted.next();
            for (var statement : List.of(discrepancy, billRow)) {
                statement.setLong(1, a);
                statement.setLong(2, planted.getLong(1));
                statement.executeUpdate();
            }
            // the rows are there: it is the policy that hides them below
            for (String table : List.of(
                    "orders",
                    "wechatpay_call",
                    "attention_action",
                    "reconciliation",
                    "reconciliation_discrepancy",
                    "bill_row")) {
                try (var query = db.prepareStatement("SELECT count(*) FROM " + table + " WHERE tenant_id = ?")) {
                    query.setLong(1, a);
                    var rows = query.executeQuery();
                    rows.next();
                    assertThat(rows.getLong(1)).as(table).isPositive();
                }
            }
        }
        for (String table : List.of(
                "orders",
                "merchant_account",
                "merchant_platform_key",
                "payment_record",
                "refund_record",
                "callback_log",
                "audit_record",
                "api_key",
                "wechatpay_call",
                "attention_action",
                "reconciliation",
                "reconciliation_discrepancy",
                "bill_row")) {
            assertThat(probe.countWithoutTenant(table)).as(table).isZero();
        }
        assertThatThrownBy(() -> probe.insertWithoutTenant(a, "RLS-NONE-2"))
                .hasStackTraceContaining("row-level security policy");
    }

    @Test
    void everyTableWithATenantIdIsUnderTheTenantPolicy() throws SQLException {
        try (var db = SuperuserConnection.open();
                var query = db.prepareStatement(
                        """
                SELECT c.relname, c.relrowsecurity AND c.relforcerowsecurity AS forced,
                       EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'tenant_isolation')
                           AS policy
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
                WHERE n.nspname = current_schema() AND c.relkind = 'r'
                ORDER BY c.relname""")) {
            var rows = query.executeQuery();
            java.util.List<String> tables = new java.util.ArrayList<>();
            while (rows.next()) {
                tables.add(rows.getString(1));
                assertThat(rows.getBoolean(2)).as(rows.getString(1) + " forced").isTrue();
                assertThat(rows.getBoolean(3)).as(rows.getString(1) + " policy").isTrue();
            }
            assertThat(tables).contains("orders", "reconciliation", "reconciliation_discrepancy", "bill_row");
        }
    }

    @Test
    void theCrossTenantPathSeesEveryTenantButOnlyWhatItIsGranted() throws SQLException {
        long a = newTenant();
        orders.create(a, new NewOrderRequest("RLS-CROSS", 100L, null, null));
        try (var db = SuperuserConnection.open();
                var plant = db.prepareStatement(
                        """
                INSERT INTO callback_log (id, tenant_id, received_at, verified, settled, outcome, http_status, processing_micros)
                VALUES (nextval('callback_log_id_seq'), ?, now(), false, false, 'BAD_SIGNATURE', 401, 1),
                       (nextval('callback_log_id_seq'), ?, now(), false, false, 'BAD_SIGNATURE', 401, 1)""")) {
            plant.setLong(1, a);
            plant.setLong(2, a + 1);
            plant.executeUpdate();
        }
        long seen = crossTenant.run("test", connection -> {
            try (var query = connection.prepareStatement(
                    "SELECT count(DISTINCT tenant_id) FROM callback_log WHERE tenant_id IN (?, ?)")) {
                query.setLong(1, a);
                query.setLong(2, a + 1);
                var rows = query.executeQuery();
                rows.next();
                return rows.getLong(1);
            }
        });
        assertThat(seen).isEqualTo(2);
        // only the columns cross-tenant work needs are granted: an order's amount is not, nor any key's hash
        for (String sql : List.of(
                "SELECT amount_total FROM orders",
                "SELECT secret_hash FROM api_key",
                "SELECT amount_refund FROM refund_record",
                "SELECT our_payment_amount FROM reconciliation",
                "SELECT wechat_amount FROM reconciliation_discrepancy",
                "SELECT amount FROM bill_row")) {
            assertThatThrownBy(() -> crossTenant.run("test", connection -> {
                        try (var query = connection.prepareStatement(sql)) {
                            return query.executeQuery().next();
                        }
                    }))
                    .as(sql)
                    .hasStackTraceContaining("permission denied");
        }
    }

    // ---- tenant keys, over HTTP ----

    /** The secret part of a key, mpay_<tenant>_<id>_<secret> (the secret may contain '_' itself). */
    private static String secretOf(String key) {
        return key.split("_", 4)[3];
    }

    /** Issues a key for the tenant through the admin API; returns the whole answer. */
    private static jakarta.json.JsonObject issue(URL base, long tenant, String name, String scope) {
        var answer = ApiClient.admin(base)
                .post(
                        "api/v1/admin/tenants/" + tenant + "/api-keys",
                        "{\"name\":\"" + name + "\",\"scope\":\"" + scope + "\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json();
    }

    @Test
    @RunAsClient
    void aTenantKeyActsAsItsTenantWithinItsScopeAndNothingElse() {
        long a = newTenant();
        long b = a + 1;
        var admin = ApiClient.admin(base);
        assertThat(admin.post("api/v1/tenants/" + b + "/orders", "{\"orderNo\":\"KEY-B-1\",\"amountTotal\":100}")
                        .status())
                .isEqualTo(201);

        var issued = issue(base, a, "shop backend", "write");
        String key = issued.getString("key");
        assertThat(key).matches("mpay_" + a + "_" + issued.getJsonNumber("id") + "_[A-Za-z0-9_-]{43}");
        assertThat(issued.getString("scope")).isEqualTo("write");
        var writer = ApiClient.bearer(base, key);

        // its own tenant: create, read, its callback log
        var created = writer.post("api/v1/tenants/" + a + "/orders", "{\"orderNo\":\"KEY-A-1\",\"amountTotal\":100}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(writer.get("api/v1/tenants/" + a + "/orders/KEY-A-1").status())
                .isEqualTo(200);
        assertThat(writer.get("api/v1/admin/tenants/" + a + "/payment-notifications")
                        .status())
                .isEqualTo(200);
        // another tenant: its order by number in our path, and its path, as if it did not exist
        assertThat(writer.get("api/v1/tenants/" + a + "/orders/KEY-B-1").status())
                .isEqualTo(404);
        var foreign = writer.get("api/v1/tenants/" + b + "/orders/KEY-B-1");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().getString("code")).isEqualTo("NOT_FOUND");
        assertThat(writer.post("api/v1/tenants/" + b + "/orders", "{\"orderNo\":\"KEY-X\",\"amountTotal\":1}")
                        .status())
                .isEqualTo(404);
        assertThat(writer.get("api/v1/admin/tenants/" + b + "/payment-notifications")
                        .status())
                .isEqualTo(404);
        // admin-only paths, even for its own tenant
        assertThat(writer.get("api/v1/admin/tenants/" + a + "/wechatpay").status())
                .isEqualTo(403);
        assertThat(writer.get("api/v1/admin/tenants/" + a + "/api-keys").status())
                .isEqualTo(403);
        assertThat(writer.post("api/v1/admin/tenants/" + a + "/api-keys", "{\"name\":\"x\",\"scope\":\"write\"}")
                        .status())
                .isEqualTo(403);

        // a read key reads, and writes nothing
        var reader = ApiClient.bearer(base, issue(base, a, "report", "read").getString("key"));
        assertThat(reader.get("api/v1/tenants/" + a + "/orders/KEY-A-1").status())
                .isEqualTo(200);
        var refused = reader.post("api/v1/tenants/" + a + "/orders", "{\"orderNo\":\"KEY-A-2\",\"amountTotal\":100}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().getString("code")).isEqualTo("FORBIDDEN");
        assertThat(admin.get("api/v1/tenants/" + a + "/orders/KEY-A-2").status())
                .isEqualTo(404);

        // asking WeChat Pay: a read key may not, a write key passes the key checks (this tenant has no API
        // credentials: the service itself answers), and not on another tenant's order
        String mine = "api/v1/tenants/" + a + "/orders/KEY-A-1/";
        for (String operation : List.of("sync", "close", "wechat-prepay")) {
            assertThat(reader.post(mine + operation, "{\"openid\":\"o1\"}").status())
                    .as(operation)
                    .isEqualTo(403);
        }
        var synced = writer.post(mine + "sync", "");
        assertThat(synced.status()).as(synced.body()).isEqualTo(409);
        assertThat(synced.json().getString("code")).isEqualTo("NO_API_ACCESS");
        assertThat(writer.post("api/v1/tenants/" + b + "/orders/KEY-B-1/sync", "")
                        .status())
                .isEqualTo(404);
        // refunds like the order's other writes: a read key lists, a write key passes the key checks (the
        // order is not paid: the service itself answers); the reconciliation is the admin's
        assertThat(reader.get(mine + "refunds").status()).isEqualTo(200);
        assertThat(reader.post(mine + "refunds", "{\"amount\":1}").status()).isEqualTo(403);
        var refund = writer.post(mine + "refunds", "{\"amount\":1}");
        assertThat(refund.status()).as(refund.body()).isEqualTo(409);
        assertThat(writer.get("api/v1/tenants/" + b + "/orders/KEY-B-1/refunds").status())
                .isEqualTo(404);
        String day = java.time.LocalDate.now(java.time.ZoneOffset.ofHours(8))
                .minusDays(1)
                .toString();
        assertThat(writer.post("api/v1/admin/tenants/" + a + "/reconciliations/" + day, "")
                        .status())
                .isEqualTo(403);
        assertThat(reader.get("api/v1/admin/tenants/" + a + "/reconciliations/" + day)
                        .status())
                .isEqualTo(403);
        // its own listings, not another tenant's; the listings across tenants are the admin's
        for (String listing : List.of("wechatpay-calls", "deliveries", "console", "payment-notifications")) {
            assertThat(reader.get("api/v1/admin/tenants/" + a + "/" + listing).status())
                    .as(listing)
                    .isEqualTo(200);
            assertThat(reader.get("api/v1/admin/tenants/" + b + "/" + listing).status())
                    .as(listing)
                    .isEqualTo(404);
        }
        for (String acrossTenants : List.of("deliveries", "overview", "attention", "tenants", "console")) {
            assertThat(reader.get("api/v1/admin/" + acrossTenants).status())
                    .as(acrossTenants)
                    .isEqualTo(403);
        }

        // the listing: both keys, used, and no secret
        var listing = admin.get("api/v1/admin/tenants/" + a + "/api-keys");
        assertThat(listing.status()).isEqualTo(200);
        assertThat(listing.body()).doesNotContain(secretOf(key));
        var keys = listing.jsonStructure().asJsonArray();
        assertThat(keys).hasSize(2);
        var first = keys.getJsonObject(0);
        assertThat(first.getString("name")).isEqualTo("shop backend");
        assertThat(first.containsKey("key")).isFalse();
        assertThat(first.getString("prefix")).isEqualTo("mpay_" + a + "_" + issued.getJsonNumber("id"));
        assertThat(first.isNull("lastUsedAt")).isFalse();
        assertThat(first.isNull("revokedAt")).isTrue();
        // and no other tenant's keys
        assertThat(admin.get("api/v1/admin/tenants/" + b + "/api-keys").body()).isEqualTo("[]");
        // the secret is stored only as its hash
        String secret = secretOf(key);
        var stored = Db.one(
                "SELECT k::text AS row, secret_hash = sha256(convert_to(?, 'UTF8')) AS hashed FROM api_key k WHERE id = ?",
                secret,
                issued.getJsonNumber("id").longValue());
        assertThat(stored.get("hashed")).isEqualTo(true);
        assertThat((String) stored.get("row")).doesNotContain(secret);
    }

    @Test
    @RunAsClient
    void badKeyRequestsAreRefusedClearly() {
        long a = newTenant();
        var admin = ApiClient.admin(base);
        var noName = admin.post("api/v1/admin/tenants/" + a + "/api-keys", "{\"scope\":\"write\"}");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().getString("field")).isEqualTo("name");
        var badScope = admin.post("api/v1/admin/tenants/" + a + "/api-keys", "{\"name\":\"x\",\"scope\":\"admin\"}");
        assertThat(badScope.status()).isEqualTo(400);
        assertThat(badScope.json().getString("field")).isEqualTo("scope");
        assertThat(admin.get("api/v1/admin/tenants/" + a + "/api-keys").body()).isEqualTo("[]");
        assertThat(admin.delete("api/v1/admin/tenants/" + a + "/api-keys/12345").status())
                .isEqualTo(404);
        assertThat(ApiClient.anonymous(base)
                        .post("api/v1/admin/tenants/" + a + "/api-keys", "{\"name\":\"x\",\"scope\":\"write\"}")
                        .status())
                .isEqualTo(401);
    }

    // ---- with real processes: a second instance, and a superuser refused ----

    @Test
    @RunAsClient
    void aRevokedKeyFailsOnASecondInstanceWithinSecondsAndNoKeyReachesItsLog() throws Exception {
        Path target = Path.of(System.getProperty("project.build.directory", "target"));
        Path log = target.resolve("tenant-walls-second-instance.log");
        Files.deleteIfExists(log);
        long a = newTenant();
        var issued = issue(base, a, "second instance", "write");
        String key = issued.getString("key");
        String wrongSecret = key.substring(0, key.length() - 4) + (key.endsWith("AAAA") ? "BBBB" : "AAAA");
        try (PayaraProcess second = startService(target, log, EmbeddedDatabase.SERVICE_USER)) {
            URL other = new URL(second.baseUrl());
            var there = ApiClient.bearer(other, key);
            String order = "api/v1/tenants/" + a + "/orders";
            assertThat(there.post(order, "{\"orderNo\":\"KEY-2ND\",\"amountTotal\":100}")
                            .status())
                    .isEqualTo(201);
            assertThat(ApiClient.bearer(other, wrongSecret)
                            .get(order + "/KEY-2ND")
                            .status())
                    .isEqualTo(401);

            assertThat(ApiClient.admin(base)
                            .delete("api/v1/admin/tenants/" + a + "/api-keys/" + issued.getJsonNumber("id"))
                            .status())
                    .isEqualTo(204);
            long revokedAt = System.nanoTime();
            int status = 0;
            while (System.nanoTime() - revokedAt < 5_000_000_000L
                    && (status = there.get(order + "/KEY-2ND").status()) != 401) {
                Thread.sleep(100);
            }
            assertThat(status)
                    .as("revoked on the first instance, refused on the second")
                    .isEqualTo(401);
            var listed = ApiClient.admin(other).get("api/v1/admin/tenants/" + a + "/api-keys");
            assertThat(listed.jsonStructure().asJsonArray().getJsonObject(0).isNull("revokedAt"))
                    .isFalse();

            // repeated failures from one source are slowed down
            int answered429 = 0;
            for (int i = 0; i < 15; i++) {
                var answer =
                        ApiClient.bearer(other, "mpay_1_1_" + "x".repeat(43)).get(order + "/KEY-2ND");
                if (answer.status() == 429) {
                    answered429++;
                    assertThat(answer.headers().get("retry-after")).isNotEmpty();
                } else {
                    assertThat(answer.status()).isEqualTo(401);
                }
            }
            assertThat(answered429).isPositive();
        }
        String text = Files.readString(log);
        assertThat(text).contains("tenant key refused");
        assertThat(text).doesNotContain(secretOf(key));
        assertThat(text).doesNotContain(secretOf(wrongSecret));
    }

    @Test
    @RunAsClient
    void theServiceRefusesToStartAsASuperuser() throws Exception {
        Path target = Path.of(System.getProperty("project.build.directory", "target"));
        Path log = target.resolve("tenant-walls-superuser.log");
        Files.deleteIfExists(log);
        assertThatThrownBy(
                        () -> startService(target, log, EmbeddedDatabase.USER).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REFUSING TO START")
                .hasMessageContaining("superuser");
    }

    private static PayaraProcess startService(Path target, Path log, String dbUser) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PAYMENT_DB_URL", TestEnvironment.database().jdbcUrl());
        env.put("PAYMENT_DB_USER", dbUser);
        env.put("PAYMENT_DB_PASSWORD", "unused-with-local-trust");
        env.put("PAYMENT_KEK", TestEnvironment.KEK);
        env.put("PAYMENT_ADMIN_USER", TestEnvironment.ADMIN_USER);
        env.put("PAYMENT_ADMIN_PASSWORD", TestEnvironment.ADMIN_PASSWORD);
        return PayaraProcess.startReady(
                target.resolve("payara-micro.jar"),
                target.resolve("payment-callback.war"),
                PayaraProcess.freePort(),
                env,
                List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"),
                log,
                Duration.ofMinutes(3));
    }
}
