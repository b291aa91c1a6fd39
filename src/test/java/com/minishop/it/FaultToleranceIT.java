package com.minishop.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.minishop.payment.wechat.WechatPayTestSigner.SignedRequest;
import com.minishop.tools.EmbeddedDatabase;
import com.minishop.tools.PayaraProcess;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service on its worst day, with real processes: the database crashes in the middle of a load and
 * comes back; the application server is SIGKILLed and restarted; two instances share one database and
 * receive copies of the same notifications. WeChat Pay is played by senders that retry every non-2xx
 * answer (on a compressed schedule) until it is accepted. Afterwards: every acknowledged notification is
 * in the database, every order is paid exactly once, and the figures are reported in
 * {@code target/fault-report.txt}.
 */
class FaultToleranceIT {

    private static final int ORDERS = 150;
    private static final int SENDERS = 8;
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final List<String> REPORT = new ArrayList<>();

    private final Path target = Path.of(System.getProperty("project.build.directory", "target"));
    private final String kek = randomKek();
    private Path dataDirectory;
    private int dbPort;
    private EmbeddedDatabase database;
    private final List<PayaraProcess> servers = new ArrayList<>();

    /** A test-only key-encryption key, generated per run. */
    private static String randomKek() {
        byte[] raw = new byte[32];
        new java.security.SecureRandom().nextBytes(raw);
        return java.util.Base64.getEncoder().encodeToString(raw);
    }

    @BeforeEach
    void startDatabase() throws IOException {
        dataDirectory = Files.createTempDirectory(target, "fault-db-");
        Files.delete(dataDirectory); // zonky creates it
        dbPort = PayaraProcess.freePort();
        database = EmbeddedDatabase.start(dataDirectory, dbPort);
    }

    @AfterEach
    void stopAll() {
        servers.forEach(PayaraProcess::close);
        servers.clear();
        if (database != null) {
            database.close();
        }
    }

    @AfterAll
    static void writeReport() throws IOException {
        Path file = Path.of(System.getProperty("project.build.directory", "target"), "fault-report.txt");
        Files.write(file, REPORT);
        REPORT.forEach(System.out::println);
    }

    @Test
    void theDatabaseCrashesInTheMiddleOfALoad() throws Exception {
        PayaraProcess server = startServer("db-crash");
        var tenant = WechatTenant.create(new URL(server.baseUrl()));
        var load = new Load(tenant, ORDERS, i -> server.baseUrl());
        boolean[] readinessWentDown = {false};
        var result = load.run(() -> {
            database.crash();
            readinessWentDown[0] = awaitStatus(server.baseUrl() + "health/ready", 503, Duration.ofSeconds(20));
            sleep(3_000);
            database = EmbeddedDatabase.start(dataDirectory, dbPort);
        });
        assertThat(readinessWentDown[0])
                .as("readiness reports the database down")
                .isTrue();
        assertThat(awaitStatus(server.baseUrl() + "health/ready", 200, Duration.ofSeconds(30)))
                .isTrue();
        check("database crash and restart", tenant, result);
    }

    @Test
    void theApplicationServerIsKilledInTheMiddleOfALoad() throws Exception {
        PayaraProcess first = startServer("kill-1");
        var tenant = WechatTenant.create(new URL(first.baseUrl()));
        var current = new AtomicReference<>(first);
        var load = new Load(tenant, ORDERS, i -> current.get().baseUrl());
        var result = load.run(() -> {
            first.kill();
            // at the same address, unless another socket took the port in the meantime
            current.set(startServer("kill-2", first.port()));
        });
        check("application server SIGKILL and restart", tenant, result);
    }

    @Test
    void twoInstancesReceiveCopiesOfTheSameNotifications() throws Exception {
        PayaraProcess one = startServer("pair-1");
        PayaraProcess two = startServer("pair-2");
        var tenant = WechatTenant.create(new URL(one.baseUrl()));
        // every notification goes to both instances at once, as two of WeChat's deliveries may
        var load = new Load(tenant, ORDERS, copy -> copy % 2 == 0 ? one.baseUrl() : two.baseUrl()).copies(2);
        var result = load.run(null);
        check("two instances, every notification delivered to both", tenant, result);
    }

    // ---- the load, the fault, the checks ----

    /** What the senders saw. */
    record Result(int sent, int acknowledged, Map<Integer, Integer> statuses, Set<String> acknowledgedOrders) {}

    /** WeChat Pay for one tenant: one payment notification per order, retried until accepted. */
    static final class Load {
        private final WechatTenant tenant;
        private final IntFunction<String> baseForCopy;
        private final List<String> orderNos = new ArrayList<>();
        private final List<SignedRequest> notifications = new ArrayList<>();
        private int copies = 1;

        Load(WechatTenant tenant, int orders, IntFunction<String> baseForCopy) {
            this.tenant = tenant;
            this.baseForCopy = baseForCopy;
            for (int i = 0; i < orders; i++) {
                String orderNo = tenant.order(100);
                orderNos.add(orderNo);
                notifications.add(
                        tenant.wechat.payment(tenant.paid(orderNo, 100)).build());
            }
        }

        Load copies(int n) {
            copies = n;
            return this;
        }

        /** Sends everything with {@link #SENDERS} threads; runs {@code fault} once a third is acknowledged. */
        Result run(ThrowingRunnable fault) throws Exception {
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            var sent = new AtomicInteger();
            var acknowledged = ConcurrentHashMap.<String>newKeySet();
            var statuses = new ConcurrentHashMap<Integer, Integer>();
            var next = new AtomicInteger();
            Instant deadline = Instant.now().plus(DEADLINE);
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS * copies);
            for (int s = 0; s < SENDERS; s++) {
                for (int c = 0; c < copies; c++) {
                    final int copy = c;
                    final int lane = s;
                    senders.submit(() -> {
                        // each lane takes every SENDERS-th notification; every copy of a lane sends the same ones
                        for (int i = lane; i < notifications.size(); i += SENDERS) {
                            deliverUntilAccepted(
                                    http,
                                    notifications.get(i),
                                    orderNos.get(i),
                                    copy,
                                    deadline,
                                    sent,
                                    statuses,
                                    acknowledged);
                        }
                        return null;
                    });
                }
            }
            senders.shutdown();
            if (fault != null) {
                while (acknowledged.size() < orderNos.size() / 3 && !senders.isTerminated()) {
                    Thread.sleep(20);
                }
                fault.run();
            }
            assertThat(senders.awaitTermination(DEADLINE.toSeconds() + 30, TimeUnit.SECONDS))
                    .isTrue();
            return new Result(sent.get(), acknowledged.size(), Map.copyOf(statuses), Set.copyOf(acknowledged));
        }

        private void deliverUntilAccepted(
                HttpClient http,
                SignedRequest request,
                String orderNo,
                int copy,
                Instant deadline,
                AtomicInteger sent,
                Map<Integer, Integer> statuses,
                Set<String> acknowledged)
                throws InterruptedException {
            while (Instant.now().isBefore(deadline)) {
                int status;
                try {
                    var builder = HttpRequest.newBuilder(
                                    URI.create(baseForCopy.apply(copy) + "api/v1/payments/wechat/notify/" + tenant.id))
                            .timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
                    request.headers().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
                    sent.incrementAndGet();
                    status = http.send(builder.build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                } catch (IOException e) {
                    status = -1; // no answer: the server is down
                }
                statuses.merge(status, 1, Integer::sum);
                if (status / 100 == 2) {
                    acknowledged.add(orderNo);
                    return;
                }
                Thread.sleep(250); // WeChat's 15 s, compressed
            }
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private void check(String scenario, WechatTenant tenant, Result result) throws SQLException {
        try (Connection db =
                DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD)) {
            long orders = single(db, "SELECT count(*) FROM orders WHERE tenant_id = ?", tenant.id);
            long paid = single(db, "SELECT count(*) FROM orders WHERE tenant_id = ? AND pay_state = 2", tenant.id);
            long twice = single(
                            db,
                            """
                    SELECT count(*) FROM (SELECT order_no FROM audit_record WHERE tenant_id = ? GROUP BY order_no HAVING count(*) > 1) t""",
                            tenant.id)
                    + single(
                            db,
                            """
                    SELECT count(*) FROM (SELECT out_trade_no FROM payment_record WHERE tenant_id = ? GROUP BY out_trade_no HAVING count(*) > 1) t""",
                            tenant.id)
                    + single(
                            db,
                            """
                    SELECT count(*) FROM (SELECT notification_id FROM callback_log WHERE tenant_id = ? AND outcome = 'APPLIED'
                        GROUP BY notification_id HAVING count(*) > 1) t""",
                            tenant.id);
            long lost = 0;
            for (String orderNo : result.acknowledgedOrders()) {
                if (single(
                                db,
                                "SELECT count(*) FROM orders WHERE tenant_id = ? AND order_no = ? AND pay_state = 2",
                                tenant.id,
                                orderNo)
                        != 1) {
                    lost++;
                }
            }
            long applied = single(
                    db, "SELECT count(*) FROM callback_log WHERE tenant_id = ? AND outcome = 'APPLIED'", tenant.id);
            long logRows = single(db, "SELECT count(*) FROM callback_log WHERE tenant_id = ?", tenant.id);
            long answered = result.statuses().entrySet().stream()
                    .filter(e -> e.getKey() > 0)
                    .mapToLong(Map.Entry::getValue)
                    .sum();
            REPORT.add(String.format(
                    "fault scenario '%s': orders %d, deliveries sent %d (answered %d, %s), acknowledged %d,"
                            + " applied %d, lost %d, applied twice %d, callback log rows %d (deliveries not logged: %d)",
                    scenario,
                    orders,
                    result.sent(),
                    answered,
                    new java.util.TreeMap<>(result.statuses()),
                    result.acknowledged(),
                    applied,
                    lost,
                    twice,
                    logRows,
                    result.sent() - logRows));
            assertThat(result.acknowledged())
                    .as("every notification acknowledged in the end")
                    .isEqualTo(ORDERS);
            assertThat(lost).as("acknowledged but not in the database").isZero();
            assertThat(twice).as("applied twice").isZero();
            assertThat(paid).as("orders paid").isEqualTo(ORDERS);
            assertThat(applied).as("APPLIED log rows").isEqualTo(ORDERS);
            assertThat(single(db, "SELECT count(*) FROM audit_record WHERE tenant_id = ?", tenant.id))
                    .isEqualTo(ORDERS);
            assertThat(logRows)
                    .as("a log row for every answered delivery but those the dead database could not take")
                    .isLessThanOrEqualTo(answered)
                    .isGreaterThanOrEqualTo(result.statuses().getOrDefault(204, 0));
        }
    }

    private static long single(Connection db, String sql, Object... parameters) throws SQLException {
        try (var statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private PayaraProcess startServer(String name) throws Exception {
        return startServer(name, PayaraProcess.freePort());
    }

    /** Starts a server from {@code port} on (the next free one if that is taken) and waits until it is ready. */
    private PayaraProcess startServer(String name, int port) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PAYMENT_DB_URL", "jdbc:postgresql://localhost:" + dbPort + "/postgres");
        env.put("PAYMENT_DB_USER", EmbeddedDatabase.SERVICE_USER);
        env.put("PAYMENT_DB_PASSWORD", EmbeddedDatabase.SERVICE_PASSWORD);
        env.put("PAYMENT_KEK", kek);
        env.put("PAYMENT_ADMIN_USER", TestEnvironment.ADMIN_USER);
        env.put("PAYMENT_ADMIN_PASSWORD", TestEnvironment.ADMIN_PASSWORD);
        env.put("PAYMENT_BILL_ENABLED", "false"); // as in every test deployment (see Deployments)
        var server = PayaraProcess.startReady(
                target.resolve("payara-micro.jar"),
                target.resolve("payment-callback.war"),
                port,
                env,
                List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"),
                target.resolve("fault-payara-" + name + ".log"),
                Duration.ofMinutes(3));
        servers.add(server);
        return server;
    }

    private static boolean awaitStatus(String url, int status, Duration limit) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create(url))
                                                .timeout(Duration.ofSeconds(5))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == status) {
                    return true;
                }
            } catch (IOException e) {
                // not answering yet
            }
            Thread.sleep(250);
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
