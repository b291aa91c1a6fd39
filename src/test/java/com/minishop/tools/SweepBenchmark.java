package com.minishop.tools;

import jakarta.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
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
 * instances (or workers) at a time.
 *
 * <p>With {@code --callback-seconds S} (default 30, 0 to skip) it also runs the callback benchmark
 * ({@link LoadBenchmark}, a child process) three times: alone before the orders come due, while the sweep
 * works through them, and alone again after; and prints the figure during the sweep as a share of the mean
 * of the two alone. Usage: {@code ./sweep-benchmark.sh help}.
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
              --callback-seconds S measured seconds of each callback benchmark run alone, during the sweep
                                   and alone again; 0 skips them (default 30)
            """;

    public static void main(String[] args) throws Exception {
        Map<String, String> o = CallbackRuns.options(args, USAGE);
        if (o == null) {
            return;
        }
        Properties dev = CallbackRuns.devServer();
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
        int callbackSeconds = Integer.parseInt(o.getOrDefault("callback-seconds", "30"));
        var callbacks = new CallbackRuns("sweep-benchmark", url, password, callbackSeconds);
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
                Double aloneBefore = callbacks.run("alone, before the sweep", null);
                int queriesBefore = sandbox.totalQueries();
                CompletableFuture<Long> dueAt = new CompletableFuture<>();
                Runnable makeDue = () -> {
                    try (var due = db.createStatement()) {
                        long now = System.nanoTime();
                        System.out.printf(
                                "%d orders due now%n",
                                due.executeUpdate("UPDATE orders SET check_due_at = now() WHERE" + range));
                        dueAt.complete(now);
                    } catch (java.sql.SQLException e) {
                        dueAt.completeExceptionally(e);
                    }
                };
                // the orders come due when the callback load starts (after its setup), so that the load
                // meets the sweep at its fullest; without the callback runs, at once
                CompletableFuture<Double> during = callbackSeconds > 0
                        ? CompletableFuture.supplyAsync(() -> callbacks.run("during the sweep", makeDue))
                        : CompletableFuture.completedFuture(null);
                if (callbackSeconds <= 0) {
                    makeDue.run();
                }
                long started = dueAt.join();
                long paid = 0;
                long duringEndedAt = 0;
                int queriesDuring = 0;
                long paidDuring = 0;
                while (paid < orders
                        && System.nanoTime() - started < Duration.ofMinutes(60).toNanos()) {
                    Thread.sleep(1000);
                    paid = count(db, "SELECT count(*) FROM orders WHERE pay_state = 2 AND" + range);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    if (duringEndedAt == 0 && during.isDone()) {
                        duringEndedAt = System.nanoTime();
                        queriesDuring = sandbox.totalQueries() - queriesBefore;
                        paidDuring = paid;
                    }
                    if (Math.round(seconds) % 10 == 0) {
                        System.out.printf(
                                "  %5.0f s: %d of %d paid, %.0f queries/s%s%n",
                                seconds,
                                paid,
                                orders,
                                (sandbox.totalQueries() - queriesBefore) / seconds,
                                duringEndedAt == 0 && callbackSeconds > 0 ? " (callback benchmark running)" : "");
                    }
                }
                long finished = System.nanoTime();
                double seconds = (finished - started) / 1e9;
                Double duringSweep = during.join();
                if (duringEndedAt == 0) {
                    duringEndedAt = finished;
                    queriesDuring = sandbox.totalQueries() - queriesBefore;
                    paidDuring = paid;
                }
                Double aloneAfter = callbacks.run("alone, after the sweep", null);
                long audited = count(
                        db,
                        "SELECT count(*) FROM audit_record WHERE to_pay_state = 2 AND source = 'QUERY' AND" + range);
                int queries = sandbox.totalQueries() - queriesBefore;
                double sharedSeconds = (duringEndedAt - started) / 1e9;
                double aloneSeconds = seconds - sharedSeconds;
                System.out.printf(
                        "%nsummary sweep: %d tenants, %d orders due at once: %d paid in %.1f s = %.0f orders/s, %d queries = %.0f queries/s;"
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
                if (callbackSeconds > 0) {
                    System.out.printf(
                            "summary sweep pace: while the callback benchmark ran (setup included) %d queries in %.0f s = %.0f/s,"
                                    + " %d paid; alone %d queries in %.0f s = %.0f/s%n",
                            queriesDuring,
                            sharedSeconds,
                            queriesDuring / sharedSeconds,
                            paidDuring,
                            queries - queriesDuring,
                            aloneSeconds,
                            aloneSeconds > 0 ? (queries - queriesDuring) / aloneSeconds : 0.0);
                    boolean overlapped = paidDuring < orders;
                    System.out.printf(
                            "summary overlap: %d of %d orders still unpaid when the callback run during the sweep ended (%s)%n",
                            orders - paidDuring,
                            orders,
                            overlapped ? "the sweep ran throughout" : "NO: the sweep ended first; use more orders");
                    boolean measured = overlapped && aloneBefore != null && aloneAfter != null && duringSweep != null;
                    double alone = measured ? (aloneBefore + aloneAfter) / 2 : Double.NaN;
                    System.out.printf(
                            "summary callbacks: alone %s and %s callbacks/s (mean %.0f), during the sweep %s callbacks/s:"
                                    + " ratio %.3f (at least 0.90: %s)%n",
                            aloneBefore,
                            aloneAfter,
                            alone,
                            duringSweep,
                            measured ? duringSweep / alone : Double.NaN,
                            measured && duringSweep / alone >= 0.90 ? "OK" : "NO");
                }
                System.exit(paid == orders && audited == paid ? 0 : 1);
            }
        }
    }

    private static long count(java.sql.Connection db, String sql) throws java.sql.SQLException {
        try (var statement = db.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void require(boolean condition, String message) throws IOException {
        if (!condition) {
            throw new IOException(message);
        }
    }
}
