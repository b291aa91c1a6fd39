package com.minishop.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The README's run command: starts PostgreSQL (embedded under {@code .data/} unless {@code PAYMENT_DB_URL}
 * is set), then Payara Micro with the WAR, waits until the application itself answers, and prints the
 * URL and the admin credentials. Payara Micro prints "ready" even when the deployment failed, so
 * readiness here means our own health check and our own API answered. Ctrl-C stops everything.
 */
public final class DevServer {

    /** How long the application may take to answer; PAYMENT_STARTUP_SECONDS on a loaded machine. */
    private static final Duration STARTUP_LIMIT =
            Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("PAYMENT_STARTUP_SECONDS", "180")));

    /** Under {@code .data/}: where the running server is, for the tools (see {@link #writeProperties}). */
    public static final String PROPERTIES_FILE = "dev-server.properties";

    /**
     * The Payara JVM's options unless {@code PAYMENT_JVM_OPTIONS} says otherwise. The parallel collector:
     * on two cores G1's concurrent work and write barriers cost throughput that a 1 GB heap of
     * short-lived request garbage does not need (issue 14).
     */
    public static final String DEFAULT_JVM_OPTIONS = "-Xms512m -Xmx1g -XX:+UseParallelGC";

    /**
     * Seconds of warm-up before the service says it is ready ({@code PAYMENT_WARMUP_SECONDS}, see
     * README "Warm-up") unless the environment says otherwise.
     */
    public static final String DEFAULT_WARMUP_SECONDS = "20";

    public static void main(String[] args) throws Exception {
        Path project =
                Path.of(System.getProperty("project.dir", ".")).toAbsolutePath().normalize();
        Path war = project.resolve("target/payment-callback.war");
        Path micro = project.resolve("target/payara-micro.jar");
        for (Path required : List.of(war, micro)) {
            if (!Files.isRegularFile(required)) {
                fail(required + " is missing: build with 'mvn package -DskipTests' first (./run.sh does)");
            }
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        int httpPort = Integer.parseInt(env.getOrDefault("PAYMENT_HTTP_PORT", "8080"));
        Path data = project.resolve(".data");
        Files.createDirectories(data);

        EmbeddedDatabase embedded = null;
        String dbDescription;
        if (blank(env.get("PAYMENT_DB_URL"))) {
            int dbPort = Integer.parseInt(env.getOrDefault("PAYMENT_EMBEDDED_DB_PORT", "0"));
            embedded = EmbeddedDatabase.start(data.resolve("postgres"), dbPort);
            env.put("PAYMENT_DB_URL", embedded.jdbcUrl());
            env.put("PAYMENT_DB_USER", EmbeddedDatabase.SERVICE_USER);
            env.put("PAYMENT_DB_PASSWORD", EmbeddedDatabase.SERVICE_PASSWORD);
            dbDescription =
                    "embedded PostgreSQL at " + embedded.jdbcUrl() + " (data in " + data.resolve("postgres") + ")";
        } else {
            dbDescription = "PostgreSQL at " + env.get("PAYMENT_DB_URL");
        }
        if (blank(env.get("PAYMENT_KEK"))) {
            if (embedded == null) {
                fail(
                        "PAYMENT_KEK is not set: with an external database, give the key-encryption key its data was stored with");
            }
            env.put("PAYMENT_KEK", keptKek(data.resolve("kek")));
        }
        env.putIfAbsent("PAYMENT_WARMUP_SECONDS", DEFAULT_WARMUP_SECONDS);
        env.putIfAbsent("PAYMENT_ADMIN_USER", "admin");
        boolean generatedPassword = blank(env.get("PAYMENT_ADMIN_PASSWORD"));
        if (generatedPassword) {
            env.put("PAYMENT_ADMIN_PASSWORD", randomToken(18));
        }

        String jvmOptions =
                env.getOrDefault("PAYMENT_JVM_OPTIONS", DEFAULT_JVM_OPTIONS).trim();
        PayaraProcess payara = PayaraProcess.start(
                micro, war, httpPort, env, jvmOptions.isEmpty() ? List.of() : List.of(jvmOptions.split("\\s+")), null);

        final EmbeddedDatabase database = embedded;
        Path properties = data.resolve(PROPERTIES_FILE);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            payara.close();
                            if (database != null) {
                                database.close();
                            }
                            try {
                                Files.deleteIfExists(properties);
                            } catch (IOException e) {
                                // a stale file only points tools at a server that no longer answers
                            }
                        },
                        "dev-server-shutdown"));

        String base = "http://localhost:" + httpPort;
        writeProperties(properties, base, payara, embedded);
        String problem = payara.awaitReady(STARTUP_LIMIT);
        if (problem != null) {
            System.err.println("\nDEPLOYMENT FAILED: " + problem + " (see the Payara log above)"
                    + (payara.portTaken() ? "; PAYMENT_HTTP_PORT chooses another port" : ""));
            System.exit(1);
        }
        System.out.println("\n================================================================");
        System.out.println(" payment-callback is running at " + base + "/");
        System.out.println(" database:   " + dbDescription);
        System.out.println(" admin user: " + env.get("PAYMENT_ADMIN_USER"));
        System.out.println(" admin password: "
                + (generatedPassword
                        ? env.get("PAYMENT_ADMIN_PASSWORD")
                                + "   (generated for this run; set PAYMENT_ADMIN_PASSWORD to choose one)"
                        : "(from PAYMENT_ADMIN_PASSWORD)"));
        System.out.println(" console:    " + base + "/console/   (sign in with the admin user and password)");
        System.out.println(" API:        " + base + "/openapi   (OpenAPI document)");
        System.out.println(" health:     " + base + "/health");
        System.out.println(" Ctrl-C stops the server" + (database != null ? " and the database" : ""));
        System.out.println("================================================================\n");
        System.exit(payara.waitFor());
    }

    /**
     * What tools started beside this server need to find it (the load benchmark reads it): the service URL,
     * the Payara JVM's pid and, for the embedded database, its JDBC URL, credentials and postmaster pid
     * file. No admin password: that stays in the operator's environment. Removed when the server stops.
     */
    static void writeProperties(Path file, String base, PayaraProcess payara, EmbeddedDatabase embedded)
            throws IOException {
        var lines = new ArrayList<>(List.of(
                "# written by the run command (DevServer) for the tools; removed when it stops",
                "service.url=" + base,
                "payara.pid=" + payara.pid()));
        if (embedded != null) {
            lines.add("db.url=" + embedded.jdbcUrl());
            lines.add("db.user=" + EmbeddedDatabase.USER);
            lines.add("db.password=" + EmbeddedDatabase.PASSWORD);
            if (embedded.dataDirectory() != null) {
                lines.add("db.pidfile=" + embedded.dataDirectory().resolve("postmaster.pid"));
            }
        }
        Files.write(file, lines);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /** The embedded database's key-encryption key, generated once and kept beside its data. */
    static String keptKek(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            return Files.readString(file).trim();
        }
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String kek = Base64.getEncoder().encodeToString(raw);
        Files.writeString(file, kek + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return kek;
    }

    private static String randomToken(int bytes) {
        byte[] raw = new byte[bytes];
        new SecureRandom().nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }

    private DevServer() {}
}
