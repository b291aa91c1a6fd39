package com.minishop.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The side-by-side comparison with the plain Spring Boot baseline (issue 14), and the warm-up curve from
 * a fresh start. Run through {@code ./compare-benchmark.sh} and {@code ./warmup-curve.sh}.
 *
 * <p>One PostgreSQL for both: the run command's embedded one ({@code .data/postgres}), with the
 * baseline in a database and role of its own ({@code peer_sb}). The baseline is started as its README
 * says ({@code run.sh PORT}), measured and stopped; then this service is started as the run command
 * starts it (Payara Micro with the WAR and the post-boot commands, the run command's JVM options),
 * measured and stopped. Both get the same load from {@link LoadBenchmark} in a child process: the same
 * tenants, orders created through each one's API, the same warm-up rounds, the same measured runs. The
 * table at the end is built from the benchmark's {@code result} lines.
 *
 * <p>The curve: the system is started fresh, and the moment it is ready the benchmark's warm-up rounds
 * begin (10 s of load each); every round's throughput is printed with the seconds since ready.
 */
public final class CompareBenchmark {

    private static final String USAGE =
            """
            usage: ./compare-benchmark.sh [options]    the baseline, then this service, same load, one table
                   ./warmup-curve.sh [options]         throughput per 10 s from a fresh start

              --only ours|baseline    measure one system only
              --concurrency C         senders of the first measured run       (default 32)
              --also-concurrency L    further measured runs                   (compare default 1,128)
              --tenants T             (default 10)
              --orders N              existing orders, through the API        (default 5000: 500 a tenant)
              --warmup S              warm-up seconds before measuring, in 10 s rounds (compare default 60;
                                      the curve's length, default 180)
              --duration S            measured seconds per run                 (default 15)
              --peer-dir DIR          the built baseline (default target/peer-springboot, built by the script)

            Environment: PAYMENT_JVM_OPTIONS (this service's JVM, as for ./run.sh), PEER_JAVA_OPTS (the
            baseline's JVM, default none, as its README). Needs the run command's embedded database free:
            stop ./run.sh first. Logs of both servers and of every benchmark in target/compare/.
            """;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** One line of the final table. */
    record Row(
            String system,
            String concurrency,
            String rate,
            String p50,
            String p99,
            String cpuService,
            String cpuDb,
            String check) {}

    private final Path project;
    private final Map<String, String> options;
    private final boolean curve;
    private final Path logs;
    private final String stamp = LocalDateTime.now().format(STAMP);
    private final String adminPassword = randomToken(18);
    private EmbeddedDatabase database;
    private final Map<String, Double> readySeconds = new LinkedHashMap<>();

    private CompareBenchmark(Path project, Map<String, String> options, boolean curve) throws IOException {
        this.project = project;
        this.options = options;
        this.curve = curve;
        this.logs = project.resolve("target/compare");
        Files.createDirectories(logs);
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !List.of("compare", "curve").contains(args[0])) {
            System.err.println(USAGE);
            System.exit(2);
        }
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            if (args[i].equals("help") || args[i].equals("--help")) {
                System.out.println(USAGE);
                return;
            }
            if (!List.of(
                                    "only",
                                    "concurrency",
                                    "also-concurrency",
                                    "tenants",
                                    "orders",
                                    "warmup",
                                    "duration",
                                    "peer-dir")
                            .contains(name)
                    || i + 1 >= args.length) {
                System.err.println("error: unknown option or missing value: " + args[i] + "\n\n" + USAGE);
                System.exit(2);
            }
            o.put(name, args[++i]);
        }
        Path project =
                Path.of(System.getProperty("project.dir", ".")).toAbsolutePath().normalize();
        var benchmark = new CompareBenchmark(project, o, args[0].equals("curve"));
        Runtime.getRuntime().addShutdownHook(new Thread(benchmark::stopDatabase, "compare-shutdown"));
        System.exit(benchmark.run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        if (Files.exists(project.resolve(".data").resolve(DevServer.PROPERTIES_FILE))) {
            throw new IllegalStateException(".data/" + DevServer.PROPERTIES_FILE
                    + " exists: ./run.sh is using the embedded database; stop it first");
        }
        database = EmbeddedDatabase.start(project.resolve(".data/postgres"), 0);
        createPeerDatabase();
        String only = options.get("only");
        List<Row> rows = new ArrayList<>();
        boolean ok = true;
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores; load " + uptime());
        System.out.println(databaseSizes());
        if (only == null || only.equals("baseline")) {
            ok &= measure("baseline", rows);
        }
        if (only == null || only.equals("ours")) {
            ok &= measure("ours", rows);
        }
        System.out.println("machine load afterwards: " + uptime());
        if (curve) {
            return ok;
        }
        printTable(rows);
        return ok;
    }

    // ---- the systems ----

    /** A started server: its pid and URL, and how to stop it. */
    interface Server extends AutoCloseable {
        long pid();

        String url();

        @Override
        void close();
    }

    private boolean measure(String system, List<Row> rows) throws Exception {
        System.out.printf("%n==== %s ====%n", system);
        long started = System.nanoTime();
        try (Server server = system.equals("baseline") ? startBaseline() : startOurs()) {
            double ready = (System.nanoTime() - started) / 1e9;
            readySeconds.put(system, ready);
            System.out.printf(
                    Locale.ROOT,
                    "%s ready %.1f s after its start (pid %d, %s)%n",
                    system,
                    ready,
                    server.pid(),
                    server.url());
            return benchmark(system, server, started, rows);
        }
    }

    private Server startBaseline() throws IOException, InterruptedException {
        Path dir = Path.of(options.getOrDefault(
                "peer-dir", project.resolve("target/peer-springboot").toString()));
        int port = PayaraProcess.freePort();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PAYMENT_DB_URL", "jdbc:postgresql://localhost:" + database.port() + "/peer_sb");
        env.put("PAYMENT_DB_USER", "peer_sb");
        env.put("PAYMENT_DB_PASSWORD", "peer_sb");
        env.put("PAYMENT_ADMIN_USER", "admin");
        env.put("PAYMENT_ADMIN_PASSWORD", adminPassword);
        env.put("JAVA_OPTS", System.getenv().getOrDefault("PEER_JAVA_OPTS", ""));
        Path log = logs.resolve(stamp + "-baseline-server.log");
        var builder = new ProcessBuilder(dir.resolve("run.sh").toString(), Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start(); // run.sh execs java: this pid is the JVM's
        String url = "http://localhost:" + port;
        Server server = new Server() {
            public long pid() {
                return process.pid();
            }

            public String url() {
                return url;
            }

            public void close() {
                process.destroy();
                try {
                    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        };
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the baseline exited with " + process.exitValue() + "; see " + log);
            }
            try {
                var answer = http.send(
                        HttpRequest.newBuilder(URI.create(url + "/health"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return server;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        server.close();
        throw new IllegalStateException("the baseline did not answer /health within 3 minutes; see " + log);
    }

    private Server startOurs() throws IOException, InterruptedException {
        Path war = project.resolve("target/payment-callback.war");
        Path micro = project.resolve("target/payara-micro.jar");
        int port = PayaraProcess.freePort();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PAYMENT_DB_URL", database.jdbcUrl());
        env.put("PAYMENT_DB_USER", EmbeddedDatabase.SERVICE_USER);
        env.put("PAYMENT_DB_PASSWORD", EmbeddedDatabase.SERVICE_PASSWORD);
        env.put("PAYMENT_KEK", DevServer.keptKek(project.resolve(".data/kek")));
        env.put("PAYMENT_ADMIN_USER", "admin");
        env.put("PAYMENT_ADMIN_PASSWORD", adminPassword);
        env.putIfAbsent("PAYMENT_WARMUP_SECONDS", DevServer.DEFAULT_WARMUP_SECONDS);
        String jvm = env.getOrDefault("PAYMENT_JVM_OPTIONS", DevServer.DEFAULT_JVM_OPTIONS)
                .trim();
        Path log = logs.resolve(stamp + "-ours-server.log");
        PayaraProcess payara =
                PayaraProcess.start(micro, war, port, env, jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+")), log);
        String problem = payara.awaitReady(Duration.ofMinutes(3));
        if (problem != null) {
            payara.close();
            throw new IllegalStateException("this service did not start: " + problem + "; see " + log);
        }
        return new Server() {
            public long pid() {
                return payara.pid();
            }

            public String url() {
                return "http://localhost:" + port;
            }

            public void close() {
                payara.close();
            }
        };
    }

    // ---- the load ----

    private boolean benchmark(String system, Server server, long started, List<Row> rows)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms1g",
                "-Xmx2g",
                "-Dproject.dir=" + project,
                "-cp",
                System.getProperty("java.class.path"),
                LoadBenchmark.class.getName(),
                "--url",
                server.url(),
                "--db-url",
                "jdbc:postgresql://localhost:" + database.port() + "/"
                        + (system.equals("baseline") ? "peer_sb" : "postgres"),
                "--db-user",
                EmbeddedDatabase.USER,
                "--db-password",
                EmbeddedDatabase.PASSWORD,
                "--server-pid",
                Long.toString(server.pid()),
                "--db-pidfile",
                project.resolve(".data/postgres/postmaster.pid").toString(),
                "--tenants",
                options.getOrDefault("tenants", "10"),
                "--orders",
                options.getOrDefault("orders", "5000"),
                "--concurrency",
                options.getOrDefault("concurrency", "32"),
                "--warmup",
                options.getOrDefault("warmup", curve ? "180" : "60"),
                "--duration",
                options.getOrDefault("duration", curve ? "10" : "15"),
                "--ceiling",
                "0",
                "--orders-via-api",
                "--label",
                system));
        String also = options.getOrDefault("also-concurrency", curve ? "" : "1,128");
        if (!also.isBlank()) {
            command.addAll(List.of("--also-concurrency", also));
        }
        if (system.equals("baseline")) {
            command.add("--peer");
        }
        Path log = logs.resolve(stamp + "-" + system + (curve ? "-curve" : "-benchmark") + ".log");
        System.out.println("benchmark log: " + log);
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PAYMENT_ADMIN_PASSWORD", adminPassword);
        Process process = builder.start();
        long readyAt = System.nanoTime();
        List<double[]> windows = new ArrayList<>();
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                var out = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.println(line);
                String[] f = line.split("\\s*\\|\\s*");
                if (line.startsWith("result |") && f.length >= 9) {
                    rows.add(new Row(f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]));
                    System.out.println(line);
                } else if (line.contains("| curve |") && f.length >= 8) {
                    double sinceReady = (System.nanoTime() - readyAt) / 1e9;
                    double load = Double.parseDouble(f[3].replaceAll("[^0-9.]", ""));
                    double rate = Double.parseDouble(f[5].replaceAll("[^0-9.]", ""));
                    windows.add(new double[] {load, sinceReady, rate});
                    if (curve) {
                        System.out.printf(
                                Locale.ROOT,
                                "%s: load %3.0f s, %5.1f s since ready: %,7.0f callbacks/s (%s)%n",
                                system,
                                load,
                                sinceReady,
                                rate,
                                f[6]);
                    }
                } else if (line.startsWith("error") || line.contains("FAILED") || line.startsWith("summary")) {
                    System.out.println(line);
                }
            }
        }
        int status = process.waitFor();
        if (curve) {
            printCurve(system, windows);
        }
        if (status != 0) {
            System.out.println(system + ": the benchmark exited with " + status + "; see " + log);
        }
        return status == 0;
    }

    // ---- output ----

    private void printCurve(String system, List<double[]> windows) {
        if (windows.size() < 3) {
            return;
        }
        double steady = windows.subList(windows.size() - 3, windows.size()).stream()
                .mapToDouble(w -> w[2])
                .average()
                .orElse(0);
        System.out.printf(
                Locale.ROOT,
                "%n%s warm-up curve (ready %.1f s after start; steady = mean of the last three windows, %,.0f/s)%n",
                system,
                readySeconds.getOrDefault(system, Double.NaN),
                steady);
        System.out.println("| load s | s since ready | callbacks/s | share of steady |");
        System.out.println("|---:|---:|---:|---:|");
        Double reached = null;
        for (double[] w : windows) {
            System.out.printf(
                    Locale.ROOT, "| %.0f | %.0f | %,.0f | %.0f %% |%n", w[0], w[1], w[2], 100 * w[2] / steady);
            if (reached == null && w[2] >= 0.9 * steady) {
                reached = w[0];
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%s: 90 %% of steady reached in the window ending at %s s of load%n",
                system,
                reached == null ? "never" : String.format(Locale.ROOT, "%.0f", reached));
    }

    private void printTable(List<Row> rows) {
        System.out.println("\n| system | C | callbacks/s | p50 ms | p99 ms | CPU ms per callback: service + PostgreSQL"
                + " | ours / baseline | DB check |");
        System.out.println("|---|---:|---:|---:|---:|---|---:|---|");
        Map<String, Double> baseline = new HashMap<>();
        for (Row r : rows) {
            if (r.system().equals("baseline")) {
                baseline.put(r.concurrency(), Double.parseDouble(r.rate()));
            }
        }
        for (Row r : rows) {
            Double base = baseline.get(r.concurrency());
            String ratio = r.system().equals("baseline") || base == null
                    ? ""
                    : String.format(Locale.ROOT, "**%.2f**", Double.parseDouble(r.rate()) / base);
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s | %,.0f | %s | %s | %s + %s | %s | %s |%n",
                    r.system(),
                    r.concurrency().replace("C=", ""),
                    Double.parseDouble(r.rate()),
                    r.p50(),
                    r.p99(),
                    r.cpuService(),
                    r.cpuDb(),
                    ratio,
                    r.check());
        }
        readySeconds.forEach(
                (system, s) -> System.out.printf(Locale.ROOT, "%s: ready %.1f s after its start%n", system, s));
    }

    // ---- the database ----

    /** The baseline's own role and database in the same PostgreSQL (idempotent). */
    private void createPeerDatabase() throws SQLException {
        try (var connection = DriverManager.getConnection(
                        database.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
                var statement = connection.createStatement()) {
            statement.execute(
                    """
                    DO $$ BEGIN
                        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'peer_sb') THEN
                            CREATE ROLE peer_sb LOGIN PASSWORD 'peer_sb' NOSUPERUSER;
                        END IF;
                    END $$""");
            try (var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'peer_sb'")) {
                if (exists.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE peer_sb OWNER peer_sb");
        }
    }

    /**
     * Both databases' sizes before the runs: rows left by earlier benchmarks (the reconciliation benchmark's
     * millions of orders) share this service's indexes and cost it more than the baseline's fresh schema.
     */
    private String databaseSizes() throws SQLException {
        try (var connection = DriverManager.getConnection(
                        database.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
                var statement = connection.createStatement();
                var sizes = statement.executeQuery("SELECT pg_size_pretty(pg_database_size(current_database())),"
                        + " pg_size_pretty(pg_database_size('peer_sb'))")) {
            sizes.next();
            return "databases before the runs: ours " + sizes.getString(1) + ", baseline " + sizes.getString(2)
                    + " (for comparable figures start from a fresh .data: rm -rf .data)";
        }
    }

    private void stopDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    private static String uptime() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String randomToken(int bytes) {
        byte[] raw = new byte[bytes];
        new SecureRandom().nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
