package com.minishop.tools;

import jakarta.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The sweep benchmark, against a running service started with {@code PAYMENT_WECHATPAY_API_URL} pointing
 * at the sandbox this tool runs and a long {@code PAYMENT_QUERY_SCHEDULE} (so that nothing is due before
 * the clock starts): provisions T tenants with API access and N orders through the API, pays every order
 * at the sandbox with the notification lost, then makes all N due at once (one UPDATE) and measures how
 * fast the sweep asks WeChat Pay and settles them: queries per second and orders settled per second. It
 * then checks the database: every order paid, each payment audited once, no order queried by two
 * instances (or workers) at a time. Usage: {@code ./sweep-benchmark.sh help}.
 */
public final class SweepBenchmark {

    private static final String USAGE =
            """
            usage: ./sweep-benchmark.sh [options]     (start the service first, see the README)
              --url URL            service base URL          (default: the run command's, else http://localhost:8080)
              --password PW        admin password            (default $PAYMENT_ADMIN_PASSWORD)
              --tenants T          tenants                   (default 100)
              --orders N           unpaid orders, all due at once (default 10000)
              --sandbox-port PORT  the sandbox's port        (default 8090)
              --db-url URL         JDBC URL (default: the run command's .data/dev-server.properties)
            """;

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("help") || args[i].equals("--help") || i + 1 >= args.length) {
                System.out.println(USAGE);
                return;
            }
            o.put(args[i].replaceFirst("^--", ""), args[++i]);
        }
        Properties dev = new Properties();
        Path devFile = Path.of(".data", "dev-server.properties");
        if (Files.isRegularFile(devFile)) {
            try (var in = Files.newBufferedReader(devFile)) {
                dev.load(in);
            }
        }
        String url = o.getOrDefault("url", dev.getProperty("service.url", "http://localhost:8080"));
        String password = o.getOrDefault("password", System.getenv("PAYMENT_ADMIN_PASSWORD"));
        String dbUrl = o.getOrDefault("db-url", dev.getProperty("db.url"));
        if (password == null || dbUrl == null) {
            System.out.println("give --password (or PAYMENT_ADMIN_PASSWORD) and --db-url\n" + USAGE);
            System.exit(2);
        }
        int tenants = Integer.parseInt(o.getOrDefault("tenants", "100"));
        int orders = Integer.parseInt(o.getOrDefault("orders", "10000"));
        int port = Integer.parseInt(o.getOrDefault("sandbox-port", "8090"));
        String auth =
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long firstTenant = 3_000_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);

        try (var sandbox = WechatPaySandbox.start(port)) {
            System.out.printf(
                    "sandbox at %s; provisioning %d tenants and %d orders...%n", sandbox.baseUrl(), tenants, orders);
            List<String> mchIds = new ArrayList<>();
            for (int t = 0; t < tenants; t++) {
                long id = firstTenant + t;
                var merchant = sandbox.newMerchant(
                        "wx" + String.format("%016x", id), "18" + String.format("%08d", id % 100_000_000));
                mchIds.add(merchant.merchant().mchId());
                var answer = http.send(
                        HttpRequest.newBuilder(URI.create(url + "/api/v1/admin/tenants/" + id + "/wechatpay"))
                                .header("Authorization", auth)
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString(merchant.accountJson()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                require(answer.statusCode() == 200, "tenant " + id + ": " + answer.body());
            }
            Semaphore inFlight = new Semaphore(32);
            List<CompletableFuture<?>> pending = new ArrayList<>();
            for (int n = 0; n < orders; n++) {
                int t = n % tenants;
                long id = firstTenant + t;
                String orderNo = "SW" + String.format("%08d", n) + "X" + Long.toString(firstTenant % 100000, 36);
                sandbox.open(mchIds.get(t), orderNo, 100);
                sandbox.pay(mchIds.get(t), orderNo, false);
                inFlight.acquire();
                pending.add(http.sendAsync(
                                HttpRequest.newBuilder(URI.create(url + "/api/v1/tenants/" + id + "/orders"))
                                        .header("Authorization", auth)
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder()
                                                .add("orderNo", orderNo)
                                                .add("amountTotal", 100)
                                                .build()
                                                .toString()))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .whenComplete((r, e) -> {
                            inFlight.release();
                            if (e != null || r.statusCode() != 201) {
                                System.err.println("order not created: " + (e != null ? e : r.body()));
                            }
                        }));
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();

            try (var db = DriverManager.getConnection(
                    dbUrl, dev.getProperty("db.user", "postgres"), dev.getProperty("db.password", "postgres"))) {
                String range = " tenant_id BETWEEN " + firstTenant + " AND " + (firstTenant + tenants - 1);
                int queriesBefore = sandbox.totalQueries();
                long started = System.nanoTime();
                try (var due = db.createStatement()) {
                    System.out.printf(
                            "%d orders due now%n",
                            due.executeUpdate("UPDATE orders SET check_due_at = now() WHERE" + range));
                }
                long paid = 0;
                while (paid < orders
                        && System.nanoTime() - started < Duration.ofMinutes(30).toNanos()) {
                    Thread.sleep(1000);
                    try (var count = db.createStatement();
                            var rows =
                                    count.executeQuery("SELECT count(*) FROM orders WHERE pay_state = 2 AND" + range)) {
                        rows.next();
                        paid = rows.getLong(1);
                    }
                    double seconds = (System.nanoTime() - started) / 1e9;
                    System.out.printf(
                            "  %5.0f s: %d of %d paid, %.0f queries/s%n",
                            seconds, paid, orders, (sandbox.totalQueries() - queriesBefore) / seconds);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                long audited;
                try (var count = db.createStatement();
                        var rows = count.executeQuery(
                                "SELECT count(*) FROM audit_record WHERE to_pay_state = 2 AND source = 'QUERY' AND"
                                        + range)) {
                    rows.next();
                    audited = rows.getLong(1);
                }
                int queries = sandbox.totalQueries() - queriesBefore;
                System.out.printf(
                        "summary sweep: %d tenants, %d orders due at once: %d paid in %.1f s = %.0f orders/s, %d queries = %.0f queries/s;"
                                + " payments audited %d (once each: %s); most concurrent queries of one order %d (one at a time: %s)%n",
                        tenants,
                        orders,
                        paid,
                        seconds,
                        paid / seconds,
                        queries,
                        queries / seconds,
                        audited,
                        audited == paid ? "OK" : "NO",
                        sandbox.maxConcurrentQueriesOfOneOrder(),
                        sandbox.maxConcurrentQueriesOfOneOrder() == 1 ? "OK" : "NO");
                System.exit(paid == orders && audited == paid ? 0 : 1);
            }
        }
    }

    private static void require(boolean condition, String message) throws IOException {
        if (!condition) {
            throw new IOException(message);
        }
    }
}
