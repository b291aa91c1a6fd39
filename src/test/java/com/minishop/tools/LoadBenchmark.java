package com.minishop.tools;

import com.minishop.payment.wechat.WechatPayTestSigner;
import com.minishop.payment.wechat.WechatPayTestSigner.SignedRequest;
import com.minishop.payment.wechat.WechatPayTestSigner.SigningKey;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load benchmark of the callback path (issue 5), against a running service (start it with {@code
 * ./run.sh}): provisions T tenants through the admin API, N existing orders and the orders to pay by bulk
 * SQL, signs and encrypts every notification before the clock starts, warms the service up, then drives
 * it with C concurrent senders for a duration or a count, with a chosen share of duplicate deliveries.
 * Prints callbacks/s, latency percentiles (all, first deliveries, duplicates), the count of each answer
 * status and the CPU each process spent per callback; then checks the database (every acknowledged
 * payment applied exactly once, nothing lost, no order of one tenant touched by another) and runs an
 * equivalent-JDBC ceiling of the callback's transaction on the same database with C threads, printing our
 * throughput as a share of it. Run through {@code ./benchmark.sh}; {@code help} lists the options.
 *
 * <p>Benchmark tenants live in a reserved id range ({@code --tenant-base}, 1,000,000 ids); each run first
 * deletes what earlier runs left in that range, so runs are repeatable and the tables hold what the
 * options say. All tenants share a few RSA key pairs (under their own serials and APIv3 keys): a 2048-bit
 * key pair takes ~0.2 s to generate, which 10,000 tenants cannot afford. Existing orders reuse the numbers
 * of orders paid in another tenant, so a tenant leak would pay them: the check proves it did not.
 */
public final class LoadBenchmark {

    private static final String USAGE =
            """
            usage: ./benchmark.sh [options]          (start the service first: ./run.sh)

            load:
              --concurrency C      concurrent senders                         (default 32)
              --tenants T          tenants provisioned, 1..1000000             (default 100)
              --orders N           existing orders spread over the tenants    (default 10000)
              --duplicates P       percent of deliveries that repeat an acknowledged notification,
                                   0..90                                       (default 0)
              --duration S         measured seconds                           (default 15)
              --count K            measure K deliveries instead of a duration
              --warmup S           warm-up seconds before measuring, in rounds of 10 s, each printed
                                   with the seconds of load and of clock since the start (the warm-up
                                   curve), 0 for none, at most 600                (default 8)
              --ceiling S          seconds of the JDBC ceiling, 0 to skip     (default 8)
              --ceiling-only       run only the JDBC ceiling (no service needed)
              --compare-policies   measure with and without row-level security, alternating
                                   (on, off, off, on; --duration each): the service with the policies
                                   enabled and disabled, then the JDBC ceiling as the service's role
                                   with the tenant setting and policies and without; prints both
                                   ratios and the CPU the tenant setting costs per transaction.
                                   Needs a database user that owns or is superuser of the tables
              --service-role NAME  the service's database role, for --compare-policies (default payment)
              --also-concurrency L after the measured run, one more measured run at each of these
                                   concurrencies (comma-separated, e.g. 1,128), each with its summary line
              --orders-via-api     create every order through POST /api/v1/tenants/{id}/orders instead of
                                   bulk SQL (slower to set up; the same for both systems in a comparison)
              --peer               the target is the Spring Boot baseline (../shared/peers/springboot-baseline):
                                   its own schema (the database options name its database), orders through
                                   its API, no JDBC ceiling; the database check reads its tables
              --label NAME         names the system in the result lines (default ours, or baseline with --peer)
            service and database:
              --url URL            service base URL   (default: .data/dev-server.properties, else http://localhost:8080)
              --user NAME          admin user         (default $PAYMENT_ADMIN_USER or admin)
              --password PW        admin password     (default $PAYMENT_ADMIN_PASSWORD)
              --db-url URL         JDBC URL           (default $PAYMENT_DB_URL, else .data/dev-server.properties)
              --db-user NAME       (default $PAYMENT_DB_USER, else .data/dev-server.properties)
              --db-password PW     (default $PAYMENT_DB_PASSWORD, else .data/dev-server.properties)
            other:
              --tenant-base ID     first tenant id of the benchmark's reserved range of 1,000,000
                                   (default 7000000000000); earlier runs' rows in it are deleted
              --key-pairs K        RSA key pairs shared by the tenants, 1..64  (default 4)
              --client raw|jdk     HTTP client of the senders: raw = one blocking keep-alive socket per
                                   sender writing pre-serialised requests (default; ~10x cheaper per
                                   request on this box), jdk = java.net.http.HttpClient
              --max-presign M      most notifications signed for one measured run (default 200000)
              --server-pid PID     the service's JVM, for CPU per callback (default: dev-server.properties)
              --db-pidfile FILE    postmaster.pid of the database, same       (default: dev-server.properties)

            Notification timestamps must stay within the service's tolerance (300 s) from signing to
            sending: each warm-up round and each measured run signs its own, so --duration stays
            under 240 s. Only localhost URLs are accepted.
            """;

    private static final Pattern TRANSACTION_ID = Pattern.compile("\"transaction_id\":\"([0-9]+)\"");
    private static final long TENANT_RANGE = 1_000_000L;
    private static final int CLOCK_TICKS_PER_SECOND = 100;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    /** A mistake in the command line: the usage is printed with it. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** Something the benchmark cannot work around (service or database unreachable, a failed setup step). */
    static final class BenchmarkException extends RuntimeException {
        BenchmarkException(String message) {
            super(message);
        }

        BenchmarkException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    // ---- options ----

    record Options(
            String url,
            String user,
            String password,
            String dbUrl,
            String dbUser,
            String dbPassword,
            int concurrency,
            int tenants,
            long orders,
            int duplicatePercent,
            int durationSeconds,
            long count,
            int warmupSeconds,
            int ceilingSeconds,
            long tenantBase,
            int keyPairs,
            int maxPresign,
            Long serverPid,
            Path dbPidFile,
            boolean ceilingOnly,
            boolean jdkClient,
            boolean comparePolicies,
            String serviceRole,
            List<Integer> alsoConcurrency,
            boolean ordersViaApi,
            boolean peer,
            String label) {

        boolean byCount() {
            return count > 0;
        }
    }

    static Options parse(String[] args, Map<String, String> env, Properties devServer) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() < 3) {
                throw new UsageException("unexpected argument " + arg);
            }
            String name = arg.substring(2);
            if (List.of("ceiling-only", "compare-policies", "orders-via-api", "peer")
                    .contains(name)) {
                o.put(name, "true");
                continue;
            }
            if (!List.of(
                            "concurrency",
                            "tenants",
                            "orders",
                            "duplicates",
                            "duration",
                            "count",
                            "warmup",
                            "ceiling",
                            "url",
                            "user",
                            "password",
                            "db-url",
                            "db-user",
                            "db-password",
                            "tenant-base",
                            "key-pairs",
                            "max-presign",
                            "server-pid",
                            "db-pidfile",
                            "client",
                            "service-role",
                            "also-concurrency",
                            "label")
                    .contains(name)) {
                throw new UsageException("unknown option " + arg);
            }
            if (i + 1 >= args.length) {
                throw new UsageException(arg + " needs a value");
            }
            if (o.put(name, args[++i]) != null) {
                throw new UsageException(arg + " is given twice");
            }
        }
        if (o.containsKey("count") && o.containsKey("compare-policies")) {
            throw new UsageException("--compare-policies measures by --duration, not --count");
        }
        if (o.containsKey("count") && o.containsKey("duration")) {
            throw new UsageException("give --duration or --count, not both");
        }
        String url = o.getOrDefault("url", devServer.getProperty("service.url", "http://localhost:8080"))
                .replaceAll("/+$", "");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--url is not a URL: " + url);
        }
        if (!"http".equals(uri.getScheme())
                || !List.of("localhost", "127.0.0.1", "[::1]").contains(uri.getHost())) {
            throw new UsageException("--url must be an http://localhost URL: the benchmark only loads this machine");
        }
        String password = o.getOrDefault("password", env.get("PAYMENT_ADMIN_PASSWORD"));
        if ((password == null || password.isBlank()) && !o.containsKey("ceiling-only")) {
            throw new UsageException("give the admin password: --password or PAYMENT_ADMIN_PASSWORD");
        }
        String dbUrl =
                o.getOrDefault("db-url", firstNonBlank(env.get("PAYMENT_DB_URL"), devServer.getProperty("db.url")));
        if (dbUrl == null) {
            throw new UsageException("give the database: --db-url (or PAYMENT_DB_URL); with ./run.sh's embedded"
                    + " database it is read from .data/dev-server.properties");
        }
        if (!dbUrl.matches("jdbc:postgresql://(localhost|127\\.0\\.0\\.1)(:[0-9]+)?/.*")) {
            throw new UsageException("--db-url must be a jdbc:postgresql://localhost URL");
        }
        String dbUser =
                o.getOrDefault("db-user", firstNonBlank(env.get("PAYMENT_DB_USER"), devServer.getProperty("db.user")));
        String dbPassword = o.getOrDefault(
                "db-password", firstNonBlank(env.get("PAYMENT_DB_PASSWORD"), devServer.getProperty("db.password")));
        int duration = (int) number(o, "duration", 15, 1, 240);
        int warmup = (int) number(o, "warmup", 8, 0, 600);
        long count = number(o, "count", 0, 1, 10_000_000);
        if (o.containsKey("peer") && (o.containsKey("compare-policies") || o.containsKey("ceiling-only"))) {
            throw new UsageException("--peer measures the baseline's callbacks only: no policies, no ceiling");
        }
        List<Integer> also = new ArrayList<>();
        for (String c : o.getOrDefault("also-concurrency", "").split(",")) {
            if (!c.isBlank()) {
                if (!c.trim().matches("[0-9]{1,4}") || Integer.parseInt(c.trim()) < 1) {
                    throw new UsageException("--also-concurrency must list whole numbers from 1, e.g. 1,128");
                }
                also.add(Integer.parseInt(c.trim()));
            }
        }
        String serverPid = o.getOrDefault("server-pid", devServer.getProperty("payara.pid"));
        String pidFile = o.getOrDefault("db-pidfile", devServer.getProperty("db.pidfile"));
        if (serverPid != null && !serverPid.matches("[0-9]{1,10}")) {
            throw new UsageException("--server-pid must be a process id");
        }
        return new Options(
                url,
                o.getOrDefault("user", env.getOrDefault("PAYMENT_ADMIN_USER", "admin")),
                password,
                dbUrl,
                dbUser,
                dbPassword,
                (int) number(o, "concurrency", 32, 1, 1024),
                (int) number(o, "tenants", 100, 1, TENANT_RANGE),
                number(o, "orders", 10_000, 0, 10_000_000),
                (int) number(o, "duplicates", 0, 0, 90),
                duration,
                count,
                warmup,
                o.containsKey("peer") ? 0 : (int) number(o, "ceiling", 8, 0, 120),
                number(o, "tenant-base", 7_000_000_000_000L, 1, Long.MAX_VALUE - TENANT_RANGE),
                (int) number(o, "key-pairs", 4, 1, 64),
                (int) number(o, "max-presign", 200_000, 1_000, 2_000_000),
                serverPid == null ? null : Long.parseLong(serverPid),
                pidFile == null ? null : Path.of(pidFile),
                o.containsKey("ceiling-only"),
                jdkClient(o.getOrDefault("client", "raw")),
                o.containsKey("compare-policies"),
                role(o.getOrDefault("service-role", "payment")),
                List.copyOf(also),
                o.containsKey("orders-via-api") || o.containsKey("peer"),
                o.containsKey("peer"),
                o.getOrDefault("label", o.containsKey("peer") ? "baseline" : "ours"));
    }

    private static String role(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new UsageException("--service-role must be a plain PostgreSQL role name");
        }
        return name;
    }

    private static boolean jdkClient(String client) {
        return switch (client) {
            case "raw" -> false;
            case "jdk" -> true;
            default -> throw new UsageException("--client must be raw or jdk");
        };
    }

    private static long number(Map<String, String> options, String name, long fallback, long min, long max) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.matches("[0-9]{1,19}")) {
            throw new UsageException("--" + name + " must be a whole number");
        }
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " is too large");
        }
        if (n < min || n > max) {
            throw new UsageException("--" + name + " must be between " + min + " and " + max);
        }
        return n;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(USAGE);
            return;
        }
        Path project =
                Path.of(System.getProperty("project.dir", ".")).toAbsolutePath().normalize();
        Options options;
        try {
            options = parse(args, System.getenv(), devServerProperties(project));
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage() + "\n\n" + USAGE);
            System.exit(2);
            return;
        }
        try {
            boolean ok = new LoadBenchmark(options).run();
            System.exit(ok ? 0 : 1);
        } catch (BenchmarkException e) {
            System.err.println("error: " + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            System.exit(3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(130);
        }
    }

    static Properties devServerProperties(Path project) {
        Properties properties = new Properties();
        Path file = project.resolve(".data").resolve(DevServer.PROPERTIES_FILE);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                System.err.println("warning: " + file + " not readable: " + e.getMessage());
            }
        }
        return properties;
    }

    // ---- the run ----

    /** One benchmark tenant: its ids and the signer that plays WeChat Pay for it. */
    record Tenant(long id, String appId, String mchId, WechatPayTestSigner signer) {}

    /** One notification ready to send, and what the database must show once it is acknowledged. */
    /** {@code raw} is the whole HTTP/1.1 request as it goes on the wire, for {@link RawHttpClient}. */
    record Notification(
            int index, long tenantId, String orderNo, String transactionId, HttpRequest request, byte[] raw) {}

    private final Options options;
    private final String run =
            Long.toString(System.currentTimeMillis() / 1000 % 46_656_000L, 36).toUpperCase(Locale.ROOT);
    private final HttpClient http;
    private final String authorization;
    private final List<Tenant> tenants = new ArrayList<>();
    /** The advisory lock key that keeps two benchmarks off one database at once. */
    private static final long ADVISORY_LOCK = 0x4C4F4144_42454E43L;

    /** Orders to pay are numbered from 0 across the warm-up and the measured pool. */
    private int nextOrder;

    /** Senders of the current run: {@code --concurrency}, then each of {@code --also-concurrency}. */
    private int concurrency;

    private LoadBenchmark(Options options) {
        this.options = options;
        this.concurrency = options.concurrency();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.authorization = "Basic "
                + Base64.getEncoder()
                        .encodeToString((options.user() + ":" + options.password()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One benchmark per database at a time: a second one would reset the first one's tenants mid-run and
     * both would report nonsense. Held (a session advisory lock) until this run's connection closes.
     */
    private static void exclusive(Connection db) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet row = statement.executeQuery("SELECT pg_try_advisory_lock(" + ADVISORY_LOCK + ")")) {
            row.next();
            if (!row.getBoolean(1)) {
                throw new BenchmarkException("another load benchmark is running against this database; wait for it");
            }
        }
    }

    private boolean ceilingOnly() throws InterruptedException {
        try (Connection db = connect()) {
            exclusive(db);
            step("reset", () -> reset(db));
            ceiling(db);
            return true;
        } catch (SQLException e) {
            throw new BenchmarkException("database: " + e.getMessage(), e);
        }
    }

    private boolean run() throws InterruptedException {
        Options o = options;
        if (o.ceilingOnly()) {
            return ceilingOnly();
        }
        System.out.printf(
                Locale.ROOT,
                "load benchmark %s: %s, C=%d, T=%d, N=%d existing orders, %d%% duplicates, %s%n",
                run,
                o.url(),
                o.concurrency(),
                o.tenants(),
                o.orders(),
                o.duplicatePercent(),
                o.byCount()
                        ? o.count() + " deliveries"
                        : o.durationSeconds() + " s (after " + o.warmupSeconds() + " s warm-up)");
        checkService();
        long started = System.nanoTime();
        try (Connection db = connect()) {
            exclusive(db);
            step("reset", () -> reset(db));
            step("tenants", this::provisionTenants);
            step("existing orders", () -> createExistingOrders(db));
            step("vacuum", () -> vacuum(db));

            // warm-up in rounds of up to 10 s, each signing what the last one's rate says it will need;
            // the first round reaches every tenant, so every merchant account is loaded before measuring
            double rate = 600;
            long warmupStarted = System.nanoTime();
            for (int done = 0, round = 1; done < o.warmupSeconds(); round++) {
                int seconds = Math.min(10, o.warmupSeconds() - done);
                int pool = (int) Math.min(
                        o.maxPresign(),
                        Math.max(
                                round == 1 ? o.tenants() : 0, Math.round(rate * seconds * 1.3) + 2L * o.concurrency()));
                Result warmup = drive(
                        prepare(db, pool, "warm-up " + round), seconds * 1_000_000_000L, Long.MAX_VALUE, "warm-up");
                done += seconds;
                // the warm-up curve: load seconds so far, and clock seconds since the warm-up began (signing
                // between rounds leaves the service idle, so the clock runs ahead of the load)
                System.out.printf(
                        Locale.ROOT,
                        "warm-up %d: %,.0f callbacks/s, p99 %.1f ms, statuses %s | curve | %s | load %d s"
                                + " | clock %.0f s | %.1f callbacks/s | p99 %.1f ms%n",
                        round,
                        warmup.rate(),
                        warmup.all().percentile(99),
                        warmup.statuses(),
                        o.label(),
                        done,
                        (System.nanoTime() - warmupStarted) / 1e9,
                        warmup.verifiedRate(),
                        warmup.all().percentile(99));
                rate = Math.max(100, warmup.rate());
                lastRate = warmup.rate();
            }
            if (o.comparePolicies()) {
                return comparePolicies(db);
            }
            boolean consistent = true;
            List<Integer> runs = new ArrayList<>(List.of(o.concurrency()));
            runs.addAll(o.alsoConcurrency());
            for (int c : runs) {
                concurrency = c;
                consistent &= measure(db, started);
            }
            return consistent;
        } catch (SQLException e) {
            throw new BenchmarkException("database: " + e.getMessage(), e);
        }
    }

    private double lastRate;

    /** One measured run with {@link #concurrency} senders, its database check, the ceiling and its summary lines. */
    private boolean measure(Connection db, long started) throws SQLException, InterruptedException {
        Options o = options;
        int firsts = o.byCount()
                ? (int) Math.min(
                        o.maxPresign(), Math.max(1, Math.round(o.count() * (100 - o.duplicatePercent()) / 100.0)))
                : measuredPoolSize();
        List<Notification> pool = prepare(db, firsts, "measured run");
        sleepQuietly(1_000);
        Result result = drive(
                pool,
                o.byCount() ? Long.MAX_VALUE : o.durationSeconds() * 1_000_000_000L,
                o.byCount() ? o.count() : Long.MAX_VALUE,
                "measured");
        result.print();
        boolean consistent = o.peer() ? checkPeer(db, result) : check(db, result);
        Ceiling ceiling = o.ceilingSeconds() > 0 ? ceiling(db) : null;
        if (ceiling != null) {
            System.out.printf(
                    Locale.ROOT,
                    "%nour throughput / JDBC ceiling: %,.0f / %,.0f = %.2f%n",
                    result.verifiedRate(),
                    ceiling.rate(),
                    result.verifiedRate() / ceiling.rate());
        }
        System.out.printf(
                Locale.ROOT,
                "%nsummary | C=%d | T=%d | N=%d | dup=%d%% | %,.0f callbacks/s | p50 %.1f ms"
                        + " | p99 %.1f ms | p99 first/dup %s | ceiling %s | ratio %s | checks %s | %.0f s in all%n",
                concurrency,
                o.tenants(),
                o.orders(),
                o.duplicatePercent(),
                result.verifiedRate(),
                result.all().percentile(50),
                result.all().percentile(99),
                result.duplicates().count() == 0
                        ? "-"
                        : String.format(
                                Locale.ROOT,
                                "%.1f / %.1f ms",
                                result.firsts().percentile(99),
                                result.duplicates().percentile(99)),
                ceiling == null ? "-" : String.format(Locale.ROOT, "%,.0f tps", ceiling.rate()),
                ceiling == null ? "-" : String.format(Locale.ROOT, "%.2f", result.verifiedRate() / ceiling.rate()),
                consistent ? "OK" : "FAILED",
                (System.nanoTime() - started) / 1e9);
        Cpu.Usage cpu = result.cpu();
        long n = result.all().count();
        System.out.printf(
                Locale.ROOT,
                "result | %s | C=%d | %.1f | %.1f | %.1f | %s | %s | %s%n",
                o.label(),
                concurrency,
                result.verifiedRate(),
                result.all().percentile(50),
                result.all().percentile(99),
                cpu != null && cpu.serverKnown() && n > 0
                        ? String.format(Locale.ROOT, "%.3f", cpu.server() * 1000.0 / CLOCK_TICKS_PER_SECOND / n)
                        : "-",
                cpu != null && cpu.databaseKnown() && n > 0
                        ? String.format(Locale.ROOT, "%.3f", cpu.database() * 1000.0 / CLOCK_TICKS_PER_SECOND / n)
                        : "-",
                consistent ? "OK" : "FAILED");
        return consistent;
    }

    /**
     * {@code --compare-policies}: the callback path with row-level security and without, in the same run,
     * in the order on, off, off, on, so that a steady drift (the JIT still warming up, other load on the
     * machine) weighs on both sides alike. The service always sets its tenant ({@code set_config}); what the
     * benchmark can switch from outside is the policies (disabled on every tenant table by {@code ALTER
     * TABLE ... DISABLE ROW LEVEL SECURITY}, enabled again afterwards whatever happens). So the tenant
     * setting's own cost is measured in the JDBC ceiling, as the service's role: the callback's
     * transaction with the tenant setting and the policies, and without either. Prints both ratios and the
     * CPU per transaction that the tenant setting and the policies cost, also as a share of the service's
     * CPU per callback.
     */
    private boolean comparePolicies(Connection db) throws SQLException, InterruptedException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE n.nspname = current_schema() AND c.relforcerowsecurity ORDER BY 1")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        if (tables.isEmpty()) {
            throw new BenchmarkException("no table is under row-level security: is the schema at V20 or later?");
        }
        Map<Boolean, List<Result>> service = new HashMap<>(Map.of(true, new ArrayList<>(), false, new ArrayList<>()));
        Map<Boolean, List<Ceiling>> ceilings = new HashMap<>(Map.of(true, new ArrayList<>(), false, new ArrayList<>()));
        boolean consistent = true;
        try {
            for (int phase = 0; phase < 4; phase++) {
                boolean on = phase == 0 || phase == 3; // ABBA: a drift (JIT, other load) weighs on both alike
                policies(db, tables, on);
                List<Notification> pool = prepare(db, measuredPoolSize(), "policies " + (on ? "on" : "off"));
                sleepQuietly(1_000);
                Result result = drive(pool, options.durationSeconds() * 1_000_000_000L, Long.MAX_VALUE, "measured");
                System.out.printf(
                        Locale.ROOT, "%n-- service, phase %d: row-level security %s%n", phase + 1, on ? "ON" : "OFF");
                result.print();
                consistent &= check(db, result);
                service.get(on).add(result);
            }
            if (options.ceilingSeconds() > 0) {
                for (int phase = 0; phase < 4; phase++) {
                    boolean on = phase == 0 || phase == 3; // ABBA: a drift (JIT, other load) weighs on both alike
                    policies(db, tables, on);
                    System.out.printf(
                            Locale.ROOT,
                            "%n-- JDBC ceiling as %s, phase %d: %s%n",
                            options.serviceRole(),
                            phase + 1,
                            on ? "tenant setting and policies ON" : "OFF");
                    ceilings.get(on)
                            .add(ceiling(
                                    db, on ? CeilingRole.SERVICE_WITH_TENANT : CeilingRole.SERVICE_WITHOUT_TENANT));
                }
            }
        } finally {
            policies(db, tables, true);
        }
        double serviceOn = mean(service.get(true), Result::verifiedRate);
        double serviceOff = mean(service.get(false), Result::verifiedRate);
        double serviceCpuOn = mean(
                service.get(true), r -> r.cpu().serviceAndDatabaseMs(r.all().count()));
        double serviceCpuOff = mean(
                service.get(false), r -> r.cpu().serviceAndDatabaseMs(r.all().count()));
        System.out.printf(
                Locale.ROOT,
                "%n== row-level security, service (tenant setting in both): callbacks/s %s with policies,"
                        + " %s without: ratio %.3f; CPU per callback (service + PostgreSQL) %.3f / %.3f ms%n",
                rates(service.get(true)),
                rates(service.get(false)),
                serviceOn / serviceOff,
                serviceCpuOn,
                serviceCpuOff);
        if (!ceilings.get(true).isEmpty()) {
            double on = mean(ceilings.get(true), Ceiling::rate);
            double off = mean(ceilings.get(false), Ceiling::rate);
            double cpuOn = mean(ceilings.get(true), x -> x.cpu().databaseAndSelfMs(x.transactions()));
            double cpuOff = mean(ceilings.get(false), x -> x.cpu().databaseAndSelfMs(x.transactions()));
            System.out.printf(
                    Locale.ROOT,
                    "== row-level security, JDBC ceiling as %s: %s tps with tenant setting and policies, %s"
                            + " without: ratio %.3f; CPU per transaction (PostgreSQL + client) %.3f / %.3f ms%n",
                    options.serviceRole(),
                    ceilings.get(true).stream()
                            .map(x -> String.format(Locale.ROOT, "%,.0f", x.rate()))
                            .toList(),
                    ceilings.get(false).stream()
                            .map(x -> String.format(Locale.ROOT, "%,.0f", x.rate()))
                            .toList(),
                    on / off,
                    cpuOn,
                    cpuOff);
            System.out.printf(
                    Locale.ROOT,
                    "== the tenant setting and the policies cost %+.3f ms CPU per transaction, %+.1f %% of the"
                            + " service's %.3f ms per callback without policies%n",
                    cpuOn - cpuOff,
                    100 * (cpuOn - cpuOff) / serviceCpuOff,
                    serviceCpuOff);
        }
        System.out.println("database checks: " + (consistent ? "OK" : "FAILED"));
        return consistent;
    }

    private static <T> double mean(List<T> phases, java.util.function.ToDoubleFunction<T> figure) {
        return phases.stream().mapToDouble(figure).average().orElse(0);
    }

    private static List<String> rates(List<Result> results) {
        return results.stream()
                .map(r -> String.format(Locale.ROOT, "%,.0f", r.verifiedRate()))
                .toList();
    }

    /** Enables or disables row-level security on the tenant tables (FORCE stays as it is). */
    private static void policies(Connection db, List<String> tables, boolean on) throws SQLException {
        try (Statement statement = db.createStatement()) {
            for (String table : tables) {
                statement.execute("ALTER TABLE " + table + (on ? " ENABLE" : " DISABLE") + " ROW LEVEL SECURITY");
            }
        }
    }

    /** Notifications to sign for one measured run of --duration, from the last warm-up's rate. */
    private int measuredPoolSize() {
        Options o = options;
        return (int) Math.min(
                o.maxPresign(),
                Math.round(Math.max(lastRate, 500) * 1.4 * o.durationSeconds() * (100 - o.duplicatePercent()) / 100.0)
                        + 2L * concurrency);
    }

    interface Step {
        void run() throws SQLException, InterruptedException;
    }

    private static void step(String name, Step step) throws SQLException, InterruptedException {
        long t = System.nanoTime();
        System.out.print(name + "... ");
        System.out.flush();
        step.run();
        System.out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - t) / 1e9);
    }

    private void checkService() throws InterruptedException {
        try {
            var answer = http.send(
                    // the baseline has no readiness endpoint of its own, only /health
                    HttpRequest.newBuilder(URI.create(options.url() + (options.peer() ? "/health" : "/health/ready")))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new BenchmarkException("the service is not ready: /health/ready answered " + answer.statusCode()
                        + " " + answer.body());
            }
        } catch (IOException e) {
            throw new BenchmarkException(
                    "cannot reach the service at " + options.url() + " (start it with ./run.sh)", e);
        }
    }

    private Connection connect() {
        try {
            return DriverManager.getConnection(options.dbUrl(), options.dbUser(), options.dbPassword());
        } catch (SQLException e) {
            throw new BenchmarkException("cannot connect to the database " + options.dbUrl(), e);
        }
    }

    private long lo() {
        return options.tenantBase();
    }

    private long hi() {
        return options.tenantBase() + TENANT_RANGE - 1;
    }

    /** Deletes everything earlier runs left in the benchmark's tenant range. */
    private void reset(Connection db) throws SQLException {
        for (String table : options.peer()
                ? List.of("payment_audit_log", "payment_notification", "payment_order", "wechatpay_account")
                : List.of(
                        "payment_record",
                        "refund_record",
                        "audit_record",
                        "callback_log",
                        "orders",
                        "merchant_platform_key",
                        "merchant_account")) {
            try (var delete = db.prepareStatement("DELETE FROM " + table + " WHERE tenant_id BETWEEN ? AND ?")) {
                delete.setLong(1, lo());
                delete.setLong(2, hi());
                delete.executeUpdate();
            }
        }
    }

    /** Merchant accounts through the admin API, several at once; all tenants share a few RSA key pairs. */
    private void provisionTenants() throws InterruptedException {
        var random = new SecureRandom();
        List<SigningKey> keys = new ArrayList<>();
        for (int k = 0; k < options.keyPairs(); k++) {
            KeyPair pair = WechatPayTestSigner.newRsaKeyPair();
            StringBuilder serial = new StringBuilder("PUB_KEY_ID_0199");
            for (int i = 0; i < 24; i++) {
                serial.append(random.nextInt(10));
            }
            keys.add(WechatPayTestSigner.newPublicKey(serial.toString(), pair));
        }
        for (int t = 0; t < options.tenants(); t++) {
            long id = options.tenantBase() + t;
            tenants.add(new Tenant(
                    id,
                    "wxb" + id,
                    "19" + id,
                    new WechatPayTestSigner(WechatPayTestSigner.randomApiV3Key(), keys.get(t % keys.size()))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(8, options.tenants()));
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (Tenant tenant : tenants) {
                answers.add(pool.submit(() -> provision(tenant)));
            }
            for (var answer : answers) {
                String problem = answer.get();
                if (problem != null) {
                    throw new BenchmarkException(problem);
                }
            }
        } catch (ExecutionException e) {
            throw new BenchmarkException("provisioning a merchant account failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private String provision(Tenant tenant) throws IOException, InterruptedException {
        String account = tenant.signer().merchantAccountJson(tenant.appId(), tenant.mchId());
        var answer = http.send(
                HttpRequest.newBuilder(
                                URI.create(options.url() + "/api/v1/admin/tenants/" + tenant.id() + "/wechatpay"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", authorization)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(account))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200
                ? null
                : "tenant " + tenant.id() + ": the admin API answered " + answer.statusCode() + " " + answer.body();
    }

    private String orderNo(long g) {
        return "P" + run + "-" + g;
    }

    /** Tenant of the order to pay number g. */
    private long payingTenant(long g) {
        return options.tenantBase() + g % options.tenants();
    }

    private static long amountOf(long g) {
        return 100 + g % 9_900;
    }

    private static final String INSERT_ORDERS =
            """
            INSERT INTO orders (id, tenant_id, order_no, amount_total, currency, description, pay_state, order_status,
                refunded_amount, created_at, updated_at, expires_at, version)
            SELECT nextval('orders_id_seq'), %s, %s, 100 + g %% 9900, 'CNY', 'benchmark', 0, 'PENDING_PAYMENT', 0,
                now(), now(), now() + interval '1 day', 1
            FROM generate_series(?::bigint, ?::bigint) g
            """;

    /**
     * N unpaid orders spread over the tenants. With more than one tenant, existing order k carries the number
     * of order to pay k, in the next tenant: a notification applied in the wrong tenant would pay it.
     */
    private void createExistingOrders(Connection db) throws SQLException, InterruptedException {
        if (options.orders() == 0) {
            return;
        }
        boolean twins = options.tenants() > 1;
        if (options.ordersViaApi()) {
            createOrdersViaApi(
                    0,
                    options.orders(),
                    g -> options.tenantBase() + (g + (twins ? 1 : 0)) % options.tenants(),
                    g -> (twins ? "P" : "E") + run + "-" + g);
            return;
        }
        String sql = INSERT_ORDERS.formatted(
                "? + (g + " + (twins ? 1 : 0) + ") % " + options.tenants(),
                "'" + (twins ? "P" : "E") + run + "-' || g");
        insertInChunks(db, sql, 0, options.orders());
    }

    private void insertInChunks(Connection db, String sql, long from, long count) throws SQLException {
        final long chunk = 200_000;
        for (long start = from; start < from + count; start += chunk) {
            try (var insert = db.prepareStatement(sql)) {
                insert.setLong(1, options.tenantBase());
                insert.setLong(2, start);
                insert.setLong(3, Math.min(from + count, start + chunk) - 1);
                insert.executeUpdate();
            }
        }
    }

    private void vacuum(Connection db) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(
                    options.peer()
                            ? "VACUUM ANALYZE payment_order, payment_notification, payment_audit_log, wechatpay_account"
                            : "VACUUM ANALYZE orders, callback_log, audit_record, payment_record, merchant_account,"
                                    + " merchant_platform_key");
            try {
                statement.execute("CHECKPOINT");
            } catch (SQLException e) {
                // needs a superuser (the embedded database's user is one); without it the run is just noisier
            }
        }
    }

    /** Creates {@code count} orders to pay and signs one notification for each, on every core. */
    private List<Notification> prepare(Connection db, int count, String what)
            throws SQLException, InterruptedException {
        int from = nextOrder;
        nextOrder += count;
        long t = System.nanoTime();
        if (options.ordersViaApi()) {
            createOrdersViaApi(from, count, this::payingTenant, this::orderNo);
        } else {
            insertInChunks(
                    db, INSERT_ORDERS.formatted("? + g % " + options.tenants(), "'P" + run + "-' || g"), from, count);
        }
        var uri = new URI[options.tenants()];
        for (int i = 0; i < uri.length; i++) {
            uri[i] = URI.create(options.url() + "/api/v1/payments/wechat/notify/"
                    + tenants.get(i).id());
        }
        Notification[] signed = new Notification[count];
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                done.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < count; ) {
                        int g = from + i;
                        int tenantIndex = (int) (g % options.tenants());
                        Tenant tenant = tenants.get(tenantIndex);
                        String json = WechatPayTestSigner.transactionJson(
                                tenant.appId(), tenant.mchId(), orderNo(g), amountOf(g));
                        Matcher m = TRANSACTION_ID.matcher(json);
                        if (!m.find()) {
                            throw new IllegalStateException("no transaction_id in " + json);
                        }
                        SignedRequest request = tenant.signer().payment(json).build();
                        HttpRequest jdkRequest = null;
                        byte[] raw = null;
                        if (options.jdkClient()) {
                            var builder = HttpRequest.newBuilder(uri[tenantIndex])
                                    .timeout(REQUEST_TIMEOUT)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
                            request.headers().forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
                            jdkRequest = builder.build();
                        } else {
                            raw = RawHttpClient.post(uri[tenantIndex], request.headers(), request.body());
                        }
                        signed[i] = new Notification(g, tenant.id(), orderNo(g), m.group(1), jdkRequest, raw);
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new BenchmarkException("signing failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        System.out.printf(
                Locale.ROOT,
                "%s: %,d orders created and their notifications signed in %.1f s%n",
                what,
                count,
                (System.nanoTime() - t) / 1e9);
        return Arrays.asList(signed);
    }

    /**
     * {@code --orders-via-api}: orders {@code from} .. {@code from + count - 1} through the order API
     * ({@code POST /api/v1/tenants/{id}/orders}, the admin's Basic credentials), several senders at once on
     * keep-alive connections; the amount is the one the notification will carry. Every answer must be 201.
     */
    private void createOrdersViaApi(
            long from,
            long count,
            java.util.function.LongUnaryOperator tenantOf,
            java.util.function.LongFunction<String> numberOf)
            throws InterruptedException {
        int threads = (int) Math.max(1, Math.min(8, count));
        AtomicLong next = new AtomicLong(from);
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, List<String>> headers = Map.of("Authorization", List.of(authorization));
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            Thread worker = new Thread(
                    () -> {
                        try (RawHttpClient raw = new RawHttpClient(URI.create(options.url()), REQUEST_TIMEOUT)) {
                            for (long g; (g = next.getAndIncrement()) < from + count && problems.isEmpty(); ) {
                                long tenant = tenantOf.applyAsLong(g);
                                byte[] body = ("{\"orderNo\":\"" + numberOf.apply(g) + "\",\"amountTotal\":"
                                                + amountOf(g) + ",\"description\":\"benchmark\"}")
                                        .getBytes(StandardCharsets.UTF_8);
                                int status = raw.send(RawHttpClient.post(
                                        URI.create(options.url() + "/api/v1/tenants/" + tenant + "/orders"),
                                        headers,
                                        body));
                                if (status != 201) {
                                    problems.add("order " + numberOf.apply(g) + " of tenant " + tenant
                                            + ": the order API answered " + status);
                                }
                            }
                        } catch (IOException e) {
                            problems.add("the order API: " + e);
                        }
                    },
                    "order-creator-" + w);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (!problems.isEmpty()) {
            throw new BenchmarkException(problems.get(0));
        }
    }

    /**
     * {@code --peer}: the baseline's tables. Every acknowledged payment must have paid its order in its own
     * tenant with its transaction id, with one notification row and one audit row; nothing may be paid
     * that was never sent, and no order of another tenant touched. (The baseline keeps no row per delivery,
     * so there is no log to count.)
     */
    private boolean checkPeer(Connection db, Result measured) throws SQLException {
        long t = System.nanoTime();
        String like = "P" + run + "-%";
        Map<String, Object[]> orders = new HashMap<>();
        long touchedTwins = 0;
        try (var query = db.prepareStatement(
                """
                SELECT o.tenant_id, o.order_no, o.pay_state, o.transaction_id, coalesce(a.n, 0), coalesce(n.n, 0)
                FROM payment_order o
                LEFT JOIN (SELECT order_id, count(*) AS n FROM payment_audit_log GROUP BY order_id) a
                    ON a.order_id = o.id
                LEFT JOIN (SELECT tenant_id, order_no, count(*) AS n FROM payment_notification
                           WHERE tenant_id BETWEEN ? AND ? GROUP BY tenant_id, order_no) n
                    ON n.tenant_id = o.tenant_id AND n.order_no = o.order_no
                WHERE o.tenant_id BETWEEN ? AND ? AND o.order_no LIKE ?""")) {
            // aggregated once and joined: a count per order (the baseline has no index on the
            // notifications' order number) scanned the table once per order
            query.setLong(1, lo());
            query.setLong(2, hi());
            query.setLong(3, lo());
            query.setLong(4, hi());
            query.setString(5, like);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long tenant = rows.getLong(1);
                    String orderNo = rows.getString(2);
                    long g = Long.parseLong(orderNo.substring(orderNo.indexOf('-') + 1));
                    if (tenant == payingTenant(g)) {
                        orders.put(
                                orderNo,
                                new Object[] {rows.getInt(3), rows.getString(4), rows.getLong(5), rows.getLong(6)});
                    } else if (rows.getInt(3) != 0 || rows.getString(4) != null) {
                        touchedTwins++;
                    }
                }
            }
        }
        long acknowledged = 0;
        long wrong = 0;
        long unsentTouched = 0;
        List<String> examples = new ArrayList<>();
        for (Result r : checked) {
            for (int i = 0; i < r.pool().size(); i++) {
                Notification n = r.pool().get(i);
                Object[] o = orders.get(n.orderNo());
                int status = i < r.firstsSent() ? r.firstStatus().get(i) : 0;
                boolean paidOnce = o != null
                        && (int) o[0] == 2
                        && n.transactionId().equals(o[1])
                        && (long) o[2] == 1
                        && (long) o[3] == 1;
                if (status / 100 == 2) {
                    acknowledged++;
                    if (!paidOnce) {
                        wrong++;
                        examples.add(n.orderNo() + " acknowledged but "
                                + (o == null ? "missing" : java.util.Arrays.toString(o)));
                    }
                } else if (status == 0 && o != null && ((int) o[0] != 0 || (long) o[3] != 0)) {
                    unsentTouched++;
                    examples.add(n.orderNo() + ": never sent, yet changed");
                }
            }
        }
        boolean ok = wrong == 0 && unsentTouched == 0 && touchedTwins == 0;
        System.out.printf(
                Locale.ROOT,
                "%n== database check of the baseline (%.1f s): %s%n  acknowledged payments applied exactly once"
                        + " (paid, 1 notification row, 1 audit row): %,d; not so: %d; never sent yet changed: %d;"
                        + " other tenants' orders touched: %d%n",
                (System.nanoTime() - t) / 1e9,
                ok ? "OK" : "FAILED",
                acknowledged,
                wrong,
                unsentTouched,
                touchedTwins);
        examples.stream().limit(10).forEach(e -> System.out.println("  e.g. " + e));
        return ok;
    }

    // ---- driving the service ----

    /** Latencies in microseconds, appended by one thread. */
    static final class Latencies {
        private long[] values = new long[1 << 14];
        private int size;

        void add(long micros) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = micros;
        }

        static Latencies merge(List<Latencies> parts) {
            Latencies all = new Latencies();
            all.values =
                    new long[Math.max(1, parts.stream().mapToInt(p -> p.size).sum())];
            for (Latencies p : parts) {
                System.arraycopy(p.values, 0, all.values, all.size, p.size);
                all.size += p.size;
            }
            Arrays.sort(all.values, 0, all.size);
            return all;
        }

        int count() {
            return size;
        }

        /** Milliseconds; nearest rank on the sorted values. */
        double percentile(double p) {
            if (size == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * size);
            return values[Math.max(0, Math.min(size - 1, rank - 1))] / 1000.0;
        }

        double max() {
            return size == 0 ? Double.NaN : values[size - 1] / 1000.0;
        }

        String line() {
            return size == 0
                    ? "none"
                    : String.format(
                            Locale.ROOT,
                            "%,d: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f ms",
                            size,
                            percentile(50),
                            percentile(95),
                            percentile(99),
                            max());
        }
    }

    /** What one sender thread saw. */
    static final class Sender {
        final Latencies firsts = new Latencies();
        final Latencies duplicates = new Latencies();
        final Map<Integer, Long> statuses = new TreeMap<>();
        final List<String> errors = new ArrayList<>();
    }

    record Result(
            long elapsedNanos,
            Latencies all,
            Latencies firsts,
            Latencies duplicates,
            Map<Integer, Long> statuses,
            List<Notification> pool,
            int firstsSent,
            AtomicIntegerArray firstStatus,
            boolean poolExhausted,
            Cpu.Usage cpu,
            List<String> errors) {

        long answered() {
            return statuses.entrySet().stream()
                    .filter(e -> e.getKey() > 0)
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }

        long verified() {
            return statuses.getOrDefault(204, 0L) + statuses.getOrDefault(200, 0L);
        }

        double rate() {
            return answered() / (elapsedNanos / 1e9);
        }

        double verifiedRate() {
            return verified() / (elapsedNanos / 1e9);
        }

        void print() {
            double seconds = elapsedNanos / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "%n== measured: %,d deliveries in %.2f s%s%n",
                    all.count(),
                    seconds,
                    poolExhausted ? " (the pre-signed pool ran out before the duration: rate still exact)" : "");
            System.out.printf(
                    Locale.ROOT, "callbacks/s:  %,.0f acknowledged (2xx), %,.0f answered%n", verifiedRate(), rate());
            System.out.println("latency all:        " + all.line());
            System.out.println("latency first:      " + firsts.line());
            System.out.println("latency duplicates: " + duplicates.line());
            System.out.println("statuses:     "
                    + statuses.entrySet().stream()
                            .map(e -> (e.getKey() < 0 ? "no answer" : e.getKey().toString()) + " x " + e.getValue())
                            .toList());
            if (!errors.isEmpty()) {
                System.out.println("first transport errors: " + errors.subList(0, Math.min(5, errors.size())));
            }
            if (cpu != null) {
                cpu.print(all.count());
            }
        }
    }

    /**
     * Sends notifications from {@code pool} with C threads until the time or the count is reached or the
     * pool is used up. A duplicate repeats, byte for byte, a notification already acknowledged.
     */
    private Result drive(List<Notification> pool, long nanos, long count, String what) throws InterruptedException {
        int c = concurrency;
        int duplicatePercent = what.equals("warm-up") ? 0 : options.duplicatePercent();
        AtomicInteger nextFirst = new AtomicInteger();
        AtomicLong sequence = new AtomicLong();
        AtomicIntegerArray firstStatus = new AtomicIntegerArray(pool.size());
        AtomicIntegerArray acked = new AtomicIntegerArray(pool.size());
        AtomicInteger ackedCount = new AtomicInteger();
        List<Sender> senders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        var exhausted = new java.util.concurrent.atomic.AtomicBoolean();
        Cpu cpu = new Cpu(options.serverPid(), options.dbPidFile());
        Cpu.Snapshot before = cpu.snapshot();
        long start = System.nanoTime();
        long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : start + nanos;
        for (int t = 0; t < c; t++) {
            Sender sender = new Sender();
            senders.add(sender);
            Thread thread = new Thread(
                    () -> {
                        RawHttpClient raw = options.jdkClient()
                                ? null
                                : new RawHttpClient(URI.create(options.url()), REQUEST_TIMEOUT);
                        try {
                            send(
                                    sender,
                                    raw,
                                    pool,
                                    sequence,
                                    count,
                                    deadline,
                                    duplicatePercent,
                                    ackedCount,
                                    acked,
                                    nextFirst,
                                    exhausted,
                                    firstStatus);
                        } finally {
                            if (raw != null) {
                                raw.close();
                            }
                        }
                    },
                    what + "-sender-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return finish(start, cpu, before, senders, pool, nextFirst, firstStatus, exhausted.get());
    }

    /** One sender's loop: the next delivery (a first one, or a copy of an acknowledged one) until done. */
    private void send(
            Sender sender,
            RawHttpClient raw,
            List<Notification> pool,
            AtomicLong sequence,
            long count,
            long deadline,
            int duplicatePercent,
            AtomicInteger ackedCount,
            AtomicIntegerArray acked,
            AtomicInteger nextFirst,
            java.util.concurrent.atomic.AtomicBoolean exhausted,
            AtomicIntegerArray firstStatus) {
        while (true) {
            long seq = sequence.getAndIncrement();
            if (seq >= count || System.nanoTime() >= deadline) {
                return;
            }
            boolean duplicate = (seq + 1) * duplicatePercent / 100 > seq * duplicatePercent / 100;
            int index = -1;
            if (duplicate) {
                int known = ackedCount.get();
                if (known > 0) {
                    index = acked.get(ThreadLocalRandom.current().nextInt(known)) - 1;
                }
            }
            boolean first = index < 0;
            if (first) {
                index = nextFirst.getAndIncrement();
                if (index >= pool.size()) {
                    exhausted.set(true);
                    return;
                }
            }
            long sent = System.nanoTime();
            int status;
            try {
                Notification n = pool.get(index);
                status = raw != null
                        ? raw.send(n.raw())
                        : http.send(n.request(), HttpResponse.BodyHandlers.discarding())
                                .statusCode();
            } catch (IOException e) {
                status = -1;
                if (sender.errors.size() < 5) {
                    sender.errors.add(e.toString());
                }
            } catch (InterruptedException e) {
                return;
            }
            long micros = (System.nanoTime() - sent) / 1_000;
            (first ? sender.firsts : sender.duplicates).add(micros);
            sender.statuses.merge(status, 1L, Long::sum);
            if (first) {
                firstStatus.set(index, status);
                if (status / 100 == 2) {
                    acked.set(ackedCount.getAndIncrement(), index + 1);
                }
            }
        }
    }

    private Result finish(
            long start,
            Cpu cpu,
            Cpu.Snapshot before,
            List<Sender> senders,
            List<Notification> pool,
            AtomicInteger nextFirst,
            AtomicIntegerArray firstStatus,
            boolean exhausted) {
        long elapsed = System.nanoTime() - start;
        Cpu.Usage usage = cpu.since(before);
        Map<Integer, Long> statuses = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        for (Sender s : senders) {
            s.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
            errors.addAll(s.errors);
        }
        Latencies firsts = Latencies.merge(senders.stream().map(s -> s.firsts).toList());
        Latencies duplicates =
                Latencies.merge(senders.stream().map(s -> s.duplicates).toList());
        Latencies all = Latencies.merge(List.of(firsts, duplicates));
        int sent = Math.min(nextFirst.get(), pool.size());
        Result result = new Result(
                elapsed, all, firsts, duplicates, statuses, pool, sent, firstStatus, exhausted, usage, errors);
        checked.add(result);
        return result;
    }

    /** Every driven run, warm-up included: the database check covers them all. */
    private final List<Result> checked = new ArrayList<>();

    private static void sleepQuietly(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    // ---- the database check ----

    /** Per order to pay: what the database holds for it in its own tenant. */
    private static final class Seen {
        int payState = -1;
        String transactionId;
        long version;
        int paymentRecords;
        int auditRecords;
        int settledApplied;
    }

    private boolean check(Connection db, Result measured) throws SQLException {
        long t = System.nanoTime();
        int total = nextOrder;
        Seen[] seen = new Seen[total];
        String like = "P" + run + "-%";
        long foreign = 0;
        long touchedTwins = 0;
        // orders to pay (in their own tenant) and any other tenant's order with their number that is not pristine
        try (var query = db.prepareStatement(
                """
                SELECT tenant_id, order_no, pay_state, transaction_id, version FROM orders
                WHERE tenant_id BETWEEN ? AND ? AND order_no LIKE ?""")) {
            query.setFetchSize(10_000);
            setRange(query, like);
            db.setAutoCommit(false); // a cursor, so a million rows do not land in memory at once
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long tenant = rows.getLong(1);
                    long g = Long.parseLong(
                            rows.getString(2).substring(rows.getString(2).indexOf('-') + 1));
                    if (g < total && tenant == payingTenant(g)) {
                        Seen s = seen[(int) g] = new Seen();
                        s.payState = rows.getInt(3);
                        s.transactionId = rows.getString(4);
                        s.version = rows.getLong(5);
                    } else if (rows.getInt(3) != 0 || rows.getString(4) != null || rows.getLong(5) != 1) {
                        touchedTwins++;
                    }
                }
            } finally {
                db.commit();
                db.setAutoCommit(true);
            }
        }
        touchedTwins += single(
                db,
                "SELECT count(*) FROM orders WHERE tenant_id BETWEEN ? AND ? AND order_no LIKE ?"
                        + " AND (pay_state <> 0 OR version <> 1 OR transaction_id IS NOT NULL)",
                "E" + run + "-%");
        foreign += perOrder(
                db,
                "SELECT tenant_id, out_trade_no, count(*) FROM payment_record"
                        + " WHERE tenant_id BETWEEN ? AND ? AND out_trade_no LIKE ? GROUP BY 1, 2",
                like,
                seen,
                (s, n) -> s.paymentRecords = n);
        foreign += perOrder(
                db,
                "SELECT tenant_id, order_no, count(*) FROM audit_record"
                        + " WHERE tenant_id BETWEEN ? AND ? AND order_no LIKE ? GROUP BY 1, 2",
                like,
                seen,
                (s, n) -> s.auditRecords = n);
        foreign += perOrder(
                db,
                "SELECT tenant_id, out_trade_no, count(*) FILTER (WHERE settled AND outcome = 'APPLIED')"
                        + " FROM callback_log WHERE tenant_id BETWEEN ? AND ? AND out_trade_no LIKE ? GROUP BY 1, 2",
                like,
                seen,
                (s, n) -> s.settledApplied = n);
        long logRows = single(db, "SELECT count(*) FROM callback_log WHERE tenant_id BETWEEN ? AND ? AND ? = ?", "x");

        long acknowledged = 0;
        long lost = 0;
        long twice = 0;
        long unsentTouched = 0;
        long unacknowledgedApplied = 0;
        long answered = 0;
        List<String> examples = new ArrayList<>();
        for (Result r : checked) {
            answered += r.answered();
            for (int i = 0; i < r.pool().size(); i++) {
                Notification n = r.pool().get(i);
                Seen s = seen[n.index()];
                int status = i < r.firstsSent() ? r.firstStatus().get(i) : 0;
                if (s == null) {
                    lost++;
                    examples.add(n.orderNo() + ": order missing");
                    continue;
                }
                boolean paidOnce = s.payState == 2
                        && n.transactionId().equals(s.transactionId)
                        && s.version == 2
                        && s.paymentRecords == 1
                        && s.auditRecords == 1
                        && s.settledApplied == 1;
                boolean untouched = s.payState == 0
                        && s.transactionId == null
                        && s.version == 1
                        && s.paymentRecords == 0
                        && s.auditRecords == 0
                        && s.settledApplied == 0;
                if (s.paymentRecords > 1 || s.auditRecords > 1 || s.settledApplied > 1) {
                    twice++;
                    examples.add(n.orderNo() + ": applied more than once");
                } else if (status / 100 == 2) {
                    acknowledged++;
                    if (!paidOnce) {
                        lost++;
                        examples.add(n.orderNo() + " acknowledged but: payState " + s.payState + ", version "
                                + s.version + ", records " + s.paymentRecords + "/" + s.auditRecords + "/"
                                + s.settledApplied);
                    }
                } else if (status == 0) {
                    if (!untouched) {
                        unsentTouched++;
                        examples.add(n.orderNo() + ": never sent, yet changed");
                    }
                } else if (!paidOnce && !untouched) {
                    lost++;
                    examples.add(n.orderNo() + " answered " + status + ", half applied");
                } else if (paidOnce) {
                    unacknowledgedApplied++;
                }
            }
        }
        boolean ok = lost == 0
                && twice == 0
                && foreign == 0
                && touchedTwins == 0
                && unsentTouched == 0
                && logRows == answered;
        System.out.printf(
                Locale.ROOT,
                "%n== database check (warm-up and measured run, %.1f s): %s%n",
                (System.nanoTime() - t) / 1e9,
                ok ? "OK" : "FAILED");
        System.out.printf(
                Locale.ROOT,
                "  acknowledged payments applied exactly once (payState 2, 1 payment_record,"
                        + " 1 audit row, 1 settled APPLIED log row): %,d; lost or half-applied: %d; applied twice: %d%n",
                acknowledged,
                lost,
                twice);
        System.out.printf(
                Locale.ROOT,
                "  not acknowledged but applied once (answer lost in transport): %d;" + " never sent yet changed: %d%n",
                unacknowledgedApplied,
                unsentTouched);
        System.out.printf(
                Locale.ROOT,
                "  other tenants: %,d existing orders share numbers with paid ones or exist"
                        + " beside them; touched: %d; records in the wrong tenant: %d%n",
                options.orders(),
                touchedTwins,
                foreign);
        System.out.printf(
                Locale.ROOT,
                "  callback_log rows: %,d for %,d answered deliveries%s%n",
                logRows,
                answered,
                logRows == answered ? "" : "  <-- MISMATCH");
        examples.stream().limit(10).forEach(e -> System.out.println("  e.g. " + e));
        return ok;
    }

    interface SeenSetter {
        void set(Seen seen, int count);
    }

    /** Counts per (tenant, order number); returns how many rows sit in a tenant other than the order's. */
    private long perOrder(Connection db, String sql, String like, Seen[] seen, SeenSetter setter) throws SQLException {
        long foreign = 0;
        try (var query = db.prepareStatement(sql)) {
            setRange(query, like);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long tenant = rows.getLong(1);
                    String orderNo = rows.getString(2);
                    int n = rows.getInt(3);
                    long g = Long.parseLong(orderNo.substring(orderNo.indexOf('-') + 1));
                    if (g < seen.length && tenant == payingTenant(g) && seen[(int) g] != null) {
                        setter.set(seen[(int) g], n);
                    } else if (n > 0) {
                        foreign += n;
                    }
                }
            }
        }
        return foreign;
    }

    private long single(Connection db, String sql, String like) throws SQLException {
        try (var query = db.prepareStatement(sql)) {
            setRange(query, like);
            if (query.getParameterMetaData().getParameterCount() == 4) {
                query.setString(4, like);
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private void setRange(PreparedStatement statement, String like) throws SQLException {
        statement.setLong(1, lo());
        statement.setLong(2, hi());
        statement.setString(3, like);
    }

    // ---- the JDBC ceiling ----

    record Ceiling(double rate, Latencies latencies, Cpu.Usage cpu, long transactions) {}

    /** How the ceiling's connections work: as they connect (the superuser: no policies), or as the service's role. */
    enum CeilingRole {
        CONNECTED,
        /** As the service's role, with the tenant set in every transaction ({@code set_config}), as the service does. */
        SERVICE_WITH_TENANT,
        /** As the service's role, without the tenant setting (the policies must be disabled then). */
        SERVICE_WITHOUT_TENANT
    }

    private Ceiling ceiling(Connection db) throws SQLException, InterruptedException {
        return ceiling(db, CeilingRole.CONNECTED);
    }

    /**
     * The callback's transaction in plain JDBC, C threads with a connection each, on fresh orders of the
     * same tenants: insert the settling log row (unique notification id), lock the order, update it,
     * insert the audit row, commit. What PostgreSQL can do here with no application in between.
     */
    private int ceilingRuns;

    private Ceiling ceiling(Connection db, CeilingRole role) throws SQLException, InterruptedException {
        int c = concurrency;
        int warm = 2;
        int size = (int) Math.min(2_000_000, (options.ceilingSeconds() + warm) * 12_000L);
        long t = System.nanoTime();
        String prefix = "C" + run + "-" + (ceilingRuns++) + "-"; // each ceiling of a run on orders of its own
        insertInChunks(db, INSERT_ORDERS.formatted("? + g % " + options.tenants(), "'" + prefix + "' || g"), 0, size);
        try (Statement statement = db.createStatement()) {
            statement.execute("ANALYZE orders");
        }
        System.out.printf(
                Locale.ROOT,
                "%n== JDBC ceiling: %,d orders created in %.1f s; %d s warm-up, %d s measured, C=%d%n",
                size,
                (System.nanoTime() - t) / 1e9,
                warm,
                options.ceilingSeconds(),
                c);
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        List<Latencies> parts = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        var cpuRead = new java.util.concurrent.CountDownLatch(1);
        long start = System.nanoTime();
        long measureFrom = start + warm * 1_000_000_000L;
        long deadline = measureFrom + options.ceilingSeconds() * 1_000_000_000L;
        for (int i = 0; i < c; i++) {
            Latencies latencies = new Latencies();
            parts.add(latencies);
            Thread thread = new Thread(
                    () -> {
                        try (Connection connection = connect()) {
                            if (role != CeilingRole.CONNECTED) {
                                try (Statement set = connection.createStatement()) {
                                    set.execute("SET ROLE " + options.serviceRole());
                                }
                            }
                            connection.setAutoCommit(false);
                            var tenantSetting =
                                    connection.prepareStatement("SELECT set_config('app.tenant_id', ?, true)");
                            var log = connection.prepareStatement(
                                    """
                            INSERT INTO callback_log (id, tenant_id, received_at, notification_id, event_type, serial,
                                wechat_timestamp, verified, settled, outcome, http_status, out_trade_no, transaction_id,
                                message, processing_micros)
                            VALUES (nextval('callback_log_id_seq'), ?, ?, ?, 'TRANSACTION.SUCCESS', 'PUB_KEY_ID_CEILING',
                                '1700000000', true, true, 'APPLIED', 204, ?, ?, 'pay state 0 -> 2', 0)
                            ON CONFLICT (tenant_id, notification_id) WHERE settled DO NOTHING""");
                            var lock = connection.prepareStatement(
                                    "SELECT id, version, pay_state FROM orders WHERE tenant_id = ? AND order_no = ? FOR UPDATE");
                            var update = connection.prepareStatement(
                                    """
                            UPDATE orders SET pay_state = 2, order_status = 'PAID', transaction_id = ?, paid_at = ?,
                                updated_at = ?, version = ? WHERE id = ? AND version = ?""");
                            var audit = connection.prepareStatement(
                                    """
                            INSERT INTO audit_record (id, tenant_id, order_id, order_no, action, outcome, from_pay_state,
                                to_pay_state, notification_id, transaction_id, amount, occurred_at)
                            VALUES (nextval('audit_record_id_seq'), ?, ?, ?, 'PAID', 'APPLIED', 0, 2, ?, ?, NULL, ?)""");
                            while (true) {
                                long now = System.nanoTime();
                                if (now >= deadline) {
                                    // an ended backend's CPU time is gone until the postmaster reaps it: keep the
                                    // connection until the CPU has been read
                                    cpuRead.await();
                                    return;
                                }
                                int g = next.getAndIncrement();
                                if (g >= size) {
                                    errors.add("ran out of orders");
                                    return;
                                }
                                long tenant = options.tenantBase() + g % options.tenants();
                                String orderNo = prefix + g;
                                String notificationId =
                                        java.util.UUID.randomUUID().toString();
                                String transactionId = "4200" + (1_000_000_000_000L + g);
                                var time = OffsetDateTime.now(ZoneOffset.UTC);
                                if (role == CeilingRole.SERVICE_WITH_TENANT) {
                                    tenantSetting.setString(1, Long.toString(tenant));
                                    tenantSetting.execute();
                                }
                                log.setLong(1, tenant);
                                log.setObject(2, time);
                                log.setString(3, notificationId);
                                log.setString(4, orderNo);
                                log.setString(5, transactionId);
                                log.executeUpdate();
                                lock.setLong(1, tenant);
                                lock.setString(2, orderNo);
                                long id;
                                long version;
                                try (ResultSet row = lock.executeQuery()) {
                                    if (!row.next()) {
                                        throw new SQLException("no order " + orderNo);
                                    }
                                    id = row.getLong(1);
                                    version = row.getLong(2);
                                }
                                update.setString(1, transactionId);
                                update.setObject(2, time);
                                update.setObject(3, time);
                                update.setLong(4, version + 1);
                                update.setLong(5, id);
                                update.setLong(6, version);
                                update.executeUpdate();
                                audit.setLong(1, tenant);
                                audit.setLong(2, id);
                                audit.setString(3, orderNo);
                                audit.setString(4, notificationId);
                                audit.setString(5, transactionId);
                                audit.setObject(6, time);
                                audit.executeUpdate();
                                connection.commit();
                                long end = System.nanoTime();
                                if (now >= measureFrom) {
                                    latencies.add((end - now) / 1_000);
                                    done.incrementAndGet();
                                }
                            }
                        } catch (SQLException | RuntimeException e) {
                            errors.add(e.toString());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "ceiling-" + i);
            threads.add(thread);
            thread.start();
        }
        // CPU is read while the connections still exist: an ended backend takes its CPU time with it
        Cpu cpu = new Cpu(options.serverPid(), options.dbPidFile());
        Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
        Cpu.Snapshot before = cpu.snapshot();
        Thread.sleep(Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
        Cpu.Usage usage = cpu.since(before);
        cpuRead.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        long end = System.nanoTime();
        double seconds = (Math.min(end, deadline) - measureFrom) / 1e9;
        Latencies all = Latencies.merge(parts);
        double rate = done.get() / seconds;
        System.out.printf(Locale.ROOT, "ceiling: %,.0f transactions/s; latency %s%n", rate, all.line());
        if (!errors.isEmpty()) {
            System.out.println("ceiling errors: " + errors.subList(0, Math.min(3, errors.size())));
        }
        usage.print(done.get());
        return new Ceiling(rate, all, usage, done.get());
    }

    // ---- CPU accounting from /proc ----

    /**
     * CPU time from {@code /proc}: the whole machine, the service's JVM, PostgreSQL (the postmaster and its
     * children) and this benchmark; "other" is what the rest of the machine used meanwhile (another build
     * running on the box shows up there, and the figures are then not worth reporting).
     */
    static final class Cpu {
        record Snapshot(long machineBusy, long machineTotal, long server, long database, long self, long nanos) {}

        record Usage(
                long machineBusy,
                long machineTotal,
                long server,
                long database,
                long self,
                long nanos,
                boolean serverKnown,
                boolean databaseKnown) {
            void print(long operations) {
                if (machineTotal <= 0 || operations == 0) {
                    return;
                }
                double cores = machineTotal / (nanos / 1e9) / CLOCK_TICKS_PER_SECOND;
                long other = machineBusy - (serverKnown ? server : 0) - (databaseKnown ? database : 0) - self;
                System.out.printf(
                        Locale.ROOT,
                        "CPU: machine %.0f%% busy of %.0f cores; per callback: %s%s load generator"
                                + " %.2f ms, %s %.2f ms%n",
                        100.0 * machineBusy / machineTotal,
                        cores,
                        serverKnown ? String.format(Locale.ROOT, "service %.2f ms, ", ms(server, operations)) : "",
                        databaseKnown
                                ? String.format(Locale.ROOT, "PostgreSQL %.2f ms, ", ms(database, operations))
                                : "",
                        ms(self, operations),
                        serverKnown && databaseKnown ? "other processes" : "everything else",
                        ms(Math.max(0, other), operations));
                if (serverKnown && databaseKnown && other > 0.15 * machineTotal) {
                    System.out.printf(
                            Locale.ROOT,
                            "WARNING: other processes used %.0f%% of the machine meanwhile:"
                                    + " these figures are disturbed%n",
                            100.0 * other / machineTotal);
                }
            }

            /** CPU milliseconds per operation of the service and PostgreSQL (the service's share 0 when unknown). */
            double serviceAndDatabaseMs(long operations) {
                return ms((serverKnown ? server : 0) + (databaseKnown ? database : 0), operations);
            }

            /** CPU milliseconds per operation of PostgreSQL and this process (the ceiling's client). */
            double databaseAndSelfMs(long operations) {
                return ms((databaseKnown ? database : 0) + self, operations);
            }

            private static double ms(long ticks, long operations) {
                return ticks * 1000.0 / CLOCK_TICKS_PER_SECOND / operations;
            }
        }

        private final Long serverPid;
        private final Path dbPidFile;

        Cpu(Long serverPid, Path dbPidFile) {
            this.serverPid = serverPid;
            this.dbPidFile = dbPidFile;
        }

        Snapshot snapshot() {
            long[] machine = machine();
            long nanos = System.nanoTime();
            return new Snapshot(
                    machine[0], machine[1], serverPid == null ? -1 : ticks(serverPid), database(), selfTicks(), nanos);
        }

        Usage since(Snapshot before) {
            Snapshot now = snapshot();
            return new Usage(
                    now.machineBusy() - before.machineBusy(),
                    now.machineTotal() - before.machineTotal(),
                    now.server() - before.server(),
                    now.database() - before.database(),
                    now.self() - before.self(),
                    now.nanos() - before.nanos(),
                    before.server() >= 0 && now.server() >= 0,
                    before.database() >= 0 && now.database() >= 0);
        }

        private static long[] machine() {
            try {
                String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
                String[] f = line.trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                return new long[] {total - idle, total};
            } catch (IOException | RuntimeException e) {
                return new long[] {0, 0};
            }
        }

        private static long selfTicks() {
            var bean = ManagementFactory.getOperatingSystemMXBean();
            if (bean instanceof com.sun.management.OperatingSystemMXBean os) {
                return os.getProcessCpuTime() * CLOCK_TICKS_PER_SECOND / 1_000_000_000L;
            }
            return 0;
        }

        /** utime + stime of one process, in clock ticks; -1 when it is gone. */
        static long ticks(long pid) {
            String[] f = stat(pid);
            return f == null ? -1 : Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }

        /** The fields of /proc/pid/stat after the command name: f[0] is the state, f[1] the parent. */
        private static String[] stat(long pid) {
            try {
                String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return text.substring(text.lastIndexOf(')') + 2).split(" ");
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        private long database() {
            if (dbPidFile == null) {
                return -1;
            }
            try {
                long postmaster =
                        Long.parseLong(Files.readAllLines(dbPidFile).get(0).trim());
                String[] pm = stat(postmaster);
                if (pm == null) {
                    return -1;
                }
                // the postmaster's own time plus that of its ended children (cutime, cstime), then the live ones
                long sum = Long.parseLong(pm[11])
                        + Long.parseLong(pm[12])
                        + Long.parseLong(pm[13])
                        + Long.parseLong(pm[14]);
                try (var processes = Files.list(Path.of("/proc"))) {
                    for (Path p : (Iterable<Path>) processes::iterator) {
                        String name = p.getFileName().toString();
                        if (name.chars().allMatch(Character::isDigit)) {
                            String[] f = stat(Long.parseLong(name));
                            if (f != null && Long.parseLong(f[1]) == postmaster) {
                                sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                            }
                        }
                    }
                }
                return sum;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }
}
