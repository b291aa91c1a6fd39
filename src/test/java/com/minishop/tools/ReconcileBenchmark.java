package com.minishop.tools;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;

/**
 * The reconciliation benchmark, against a running service (the run command's, {@code -Xmx1g}) pointed at the
 * sandbox this tool runs: one tenant with API access, N paid orders of one day (written straight into the
 * database), and WeChat's bill of that day with the same N payments (GZIP, built as a stream and served by
 * the sandbox). It then reconciles the day through the admin API and prints bill rows per second, the
 * service's heap during the run (sampled from its JVM with {@code jstat}: the peak in use, garbage included,
 * and the peak of the old generation, what stays), and, with {@code --callback-seconds S}, the callback
 * benchmark alone, during the reconciliation and alone again ({@link CallbackRuns}), with the ratio.
 */
public final class ReconcileBenchmark {

    private static final String USAGE =
            """
            usage: ./reconcile-benchmark.sh [options]     (start the service first, see the README)
              --rows N             bill rows = paid orders of the day (default 1000000)
              --url URL            service base URL          (default: the run command's)
              --password PW        admin password            (default $PAYMENT_ADMIN_PASSWORD)
              --sandbox-port PORT  the sandbox's port        (default 8090)
              --db-url URL         JDBC URL (default: the run command's .data/dev-server.properties)
              --pid PID            the service's JVM         (default: the run command's)
              --callback-seconds S the callback benchmark alone, during and after; 0 skips (default 30)
            """;

    private static final DateTimeFormatter BILL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public static void main(String[] args) throws Exception {
        Map<String, String> o = CallbackRuns.options(args, USAGE);
        if (o == null) {
            return;
        }
        Properties dev = CallbackRuns.devServer();
        String url = o.getOrDefault("url", dev.getProperty("service.url", "http://localhost:8080"));
        String password = o.getOrDefault("password", System.getenv("PAYMENT_ADMIN_PASSWORD"));
        String dbUrl = o.getOrDefault("db-url", dev.getProperty("db.url"));
        String pid = o.getOrDefault("pid", dev.getProperty("payara.pid"));
        if (password == null || dbUrl == null || pid == null) {
            System.out.println("give --password (or PAYMENT_ADMIN_PASSWORD), --db-url and --pid\n" + USAGE);
            System.exit(2);
        }
        int rows = Integer.parseInt(o.getOrDefault("rows", "1000000"));
        int port = Integer.parseInt(o.getOrDefault("sandbox-port", "8090"));
        var callbacks = new CallbackRuns(
                "reconcile-benchmark", url, password, Integer.parseInt(o.getOrDefault("callback-seconds", "30")));
        String auth =
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long tenant = 5_000_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        // two days back: the daily run takes yesterday by itself and would race this one
        LocalDate day = LocalDate.now(ZoneOffset.ofHours(8)).minusDays(2);
        String prefix = "RB" + Long.toString(tenant % 1_000_000, 36).toUpperCase() + "N";

        try (var sandbox = WechatPaySandbox.start(port)) {
            var merchant = sandbox.newMerchant(
                    "wx" + String.format("%016x", tenant), "17" + String.format("%08d", tenant % 100_000_000));
            var account = http.send(
                    HttpRequest.newBuilder(URI.create(url + "/api/v1/admin/tenants/" + tenant + "/wechatpay"))
                            .header("Authorization", auth)
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(merchant.accountJson()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (account.statusCode() != 200) {
                throw new IOException("tenant " + tenant + ": " + account.body());
            }
            System.out.printf("tenant %d, day %s: writing %d paid orders...%n", tenant, day, rows);
            long t0 = System.nanoTime();
            try (var db = DriverManager.getConnection(
                    dbUrl, dev.getProperty("db.user", "postgres"), dev.getProperty("db.password", "postgres"))) {
                paidOrders(db, tenant, day, prefix, rows);
            }
            System.out.printf("  %.0f s; building the bill...%n", (System.nanoTime() - t0) / 1e9);
            var sha1 = MessageDigest.getInstance("SHA-1");
            var gzip = new ByteArrayOutputStream();
            try (var out = new BufferedWriter(new OutputStreamWriter(
                    new DigestOutputStream(new GZIPOutputStream(gzip), sha1), StandardCharsets.UTF_8))) {
                new TradeBillWriter(TradeBillWriter.Layout.ALL)
                        .write(
                                lines(
                                        merchant.merchant().appId(),
                                        merchant.merchant().mchId(),
                                        day,
                                        prefix,
                                        rows),
                                out);
            }
            sandbox.prepareBill(
                    merchant.merchant().mchId(),
                    day,
                    gzip.toByteArray(),
                    HexFormat.of().formatHex(sha1.digest()));
            System.out.printf("  bill: %d rows, %.1f MB GZIP%n", rows, gzip.size() / 1e6);

            Double aloneBefore = callbacks.run("alone, before", null);
            var heap = new HeapWatch(pid);
            CompletableFuture<HttpResponse<String>> run = new CompletableFuture<>();
            long[] startedAt = new long[1];
            long[] answeredAt = new long[1]; // when the answer came, not when the callback run ended
            Runnable reconcile = () -> {
                heap.start();
                startedAt[0] = System.nanoTime();
                http.sendAsync(
                                HttpRequest.newBuilder(URI.create(
                                                url + "/api/v1/admin/tenants/" + tenant + "/reconciliations/" + day))
                                        .header("Authorization", auth)
                                        .POST(HttpRequest.BodyPublishers.noBody())
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .whenComplete((r, e) -> {
                            answeredAt[0] = System.nanoTime();
                            if (e != null) {
                                run.completeExceptionally(e);
                            } else {
                                run.complete(r);
                            }
                        });
            };
            Double during = callbacks.seconds() > 0 ? callbacks.run("during the reconciliation", reconcile) : null;
            if (callbacks.seconds() <= 0) {
                reconcile.run();
            }
            boolean outlasted = !run.isDone();
            var answer = run.join();
            double seconds = (answeredAt[0] - startedAt[0]) / 1e9;
            heap.stop();
            Double aloneAfter = callbacks.run("alone, after", null);
            String body = answer.body();
            System.out.printf(
                    "%nreport: HTTP %d %s%n",
                    answer.statusCode(), body.length() > 600 ? body.substring(0, 600) + "..." : body);
            System.out.printf(
                    "summary reconcile: %d bill rows against %d orders in %.1f s = %.0f rows/s%n",
                    rows, rows, seconds, rows / seconds);
            System.out.printf(
                    "summary heap: service JVM %s, sampled every 250 ms during the run: peak in use %.0f MB (garbage"
                            + " included), peak old generation %.0f MB, %d young / %d full GCs (at most 512 MB: %s)%n",
                    pid,
                    heap.peakUsedKb / 1024.0,
                    heap.peakOldKb / 1024.0,
                    heap.youngGcs,
                    heap.fullGcs,
                    heap.samples > 0 && heap.peakUsedKb <= 512 * 1024 ? "OK" : "NO");
            if (callbacks.seconds() > 0) {
                double ratio = CallbackRuns.ratio(aloneBefore, during, aloneAfter);
                System.out.printf(
                        "summary callbacks: alone %s and %s callbacks/s, during the reconciliation %s callbacks/s: ratio"
                                + " %.3f (at least 0.90: %s); the reconciliation %s the callback run%n",
                        aloneBefore,
                        aloneAfter,
                        during,
                        ratio,
                        ratio >= 0.90 ? "OK" : "NO",
                        outlasted ? "outlasted" : "ended before the end of");
            }
            System.exit(answer.statusCode() == 200 ? 0 : 1);
        }
    }

    /** N paid orders of the day with their payment records, in chunks of one statement each. */
    private static void paidOrders(java.sql.Connection db, long tenant, LocalDate day, String prefix, int rows)
            throws java.sql.SQLException {
        String from = day.atStartOfDay().atOffset(ZoneOffset.ofHours(8)).toString();
        try (var orders = db.prepareStatement(
                        """
                INSERT INTO orders (id, tenant_id, order_no, amount_total, currency, description, pay_state, order_status,
                    transaction_id, paid_at, refunded_amount, created_at, updated_at, expires_at, version)
                SELECT nextval('orders_id_seq'), ?, ? || lpad(g::text, 10, '0'), 100 + g % 9900, 'CNY', 'benchmark', 2,
                    'PAID', '42' || lpad(g::text, 26, '0'), ?::timestamptz + make_interval(secs => g % 86400),
                    0, now(), now(), now() + interval '1 day', 1
                FROM generate_series(?::bigint, ?::bigint) g""");
                var payments = db.prepareStatement(
                        """
                INSERT INTO payment_record (id, tenant_id, order_id, out_trade_no, transaction_id, trade_type,
                    trade_state, amount_total, currency, success_time, notification_id, created_at)
                SELECT nextval('payment_record_id_seq'), o.tenant_id, o.id, o.order_no, o.transaction_id, 'JSAPI',
                    'SUCCESS', o.amount_total, 'CNY', o.paid_at, 'benchmark-' || o.id, now()
                FROM orders o WHERE o.tenant_id = ? AND o.order_no >= ? AND o.order_no <= ?""")) {
            for (long start = 1; start <= rows; start += 100_000) {
                long end = Math.min(rows, start + 99_999);
                orders.setLong(1, tenant);
                orders.setString(2, prefix);
                orders.setString(3, from);
                orders.setLong(4, start);
                orders.setLong(5, end);
                orders.executeUpdate();
                payments.setLong(1, tenant);
                payments.setString(2, prefix + String.format("%010d", start));
                payments.setString(3, prefix + String.format("%010d", end));
                payments.executeUpdate();
            }
        }
    }

    /** The bill's payment rows, made as they are written: the same N payments as {@link #paidOrders}. */
    private static Iterator<TradeBillWriter.Line> lines(
            String appId, String mchId, LocalDate day, String prefix, int rows) {
        var midnight = day.atStartOfDay();
        return new Iterator<>() {
            long g = 1;

            @Override
            public boolean hasNext() {
                return g <= rows;
            }

            @Override
            public TradeBillWriter.Line next() {
                long n = g++;
                return TradeBillWriter.Line.payment(
                        BILL_TIME.format(midnight.plusSeconds(n % 86400)),
                        appId,
                        mchId,
                        "42" + String.format("%026d", n),
                        prefix + String.format("%010d", n),
                        100 + n % 9900);
            }
        };
    }

    /** {@code jstat -gc PID 250} while the run lasts: heap in use (S0U+S1U+EU+OU) and old generation (OU). */
    private static final class HeapWatch {
        private final String pid;
        private Process jstat;
        private Thread reader;
        volatile double peakUsedKb;
        volatile double peakOldKb;
        volatile long youngGcs = -1;
        volatile long fullGcs = -1;
        volatile int samples;
        private long firstYoung = -1;
        private long firstFull = -1;

        HeapWatch(String pid) {
            this.pid = pid;
        }

        void start() {
            try {
                jstat = new ProcessBuilder(
                                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jstat")
                                        .toString(),
                                "-gc",
                                pid,
                                "250")
                        .redirectErrorStream(true)
                        .start();
            } catch (IOException e) {
                System.out.println("jstat could not run: " + e);
                return;
            }
            reader = new Thread(() -> {
                try (var in = new java.io.BufferedReader(
                        new java.io.InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
                    String[] header = null;
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        String[] f = line.trim().split("\\s+");
                        if (f.length > 0 && f[0].equals("S0C")) {
                            header = f;
                            continue;
                        }
                        if (header == null || f.length != header.length) {
                            continue;
                        }
                        Map<String, Double> v = new HashMap<>();
                        for (int i = 0; i < f.length; i++) {
                            try {
                                v.put(header[i], Double.parseDouble(f[i]));
                            } catch (NumberFormatException e) {
                                v.put(header[i], 0.0);
                            }
                        }
                        double used = v.get("S0U") + v.get("S1U") + v.get("EU") + v.get("OU");
                        peakUsedKb = Math.max(peakUsedKb, used);
                        peakOldKb = Math.max(peakOldKb, v.get("OU"));
                        long young = v.get("YGC").longValue();
                        long full = v.get("FGC").longValue();
                        if (firstYoung < 0) {
                            firstYoung = young;
                            firstFull = full;
                        }
                        youngGcs = young - firstYoung;
                        fullGcs = full - firstFull;
                        samples++;
                    }
                } catch (IOException e) {
                    // jstat ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        void stop() throws InterruptedException {
            if (jstat != null) {
                Thread.sleep(300);
                jstat.destroy();
                reader.join(2000);
            }
        }
    }
}
