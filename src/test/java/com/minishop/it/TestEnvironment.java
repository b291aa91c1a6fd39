package com.minishop.it;

import com.minishop.tools.EmbeddedDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;

/**
 * The client side of the in-container tests: one embedded PostgreSQL for the whole test run and the
 * test-only credentials the deployment is configured with (generated per run, never committed).
 */
public final class TestEnvironment {

    public static final String ADMIN_USER = "it-admin";
    public static final String ADMIN_PASSWORD = random(18);
    public static final String KEK = random(32);

    private static EmbeddedDatabase database;

    private TestEnvironment() {}

    public static synchronized EmbeddedDatabase database() {
        if (database == null) {
            database = EmbeddedDatabase.start(null, 0);
            final EmbeddedDatabase started = database;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-database-shutdown"));
        }
        return database;
    }

    /** A JDBC connection to the test database, for asserting what the service stored. */
    public static Connection jdbc() throws SQLException {
        return DriverManager.getConnection(database().jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
    }

    /**
     * A second service process on the test database with the test credentials, WeChat Pay at {@code
     * wechatPayUrl}, and {@code configuration} on top; its log in {@code target/<logName>}. The caller
     * closes it. It is returned ready: a start that fails at once (a port taken between choosing and binding
     * it, the HTTP listener missing) is tried again on another port; what still fails is thrown.
     */
    public static com.minishop.tools.PayaraProcess secondInstance(
            String logName, String wechatPayUrl, java.util.Map<String, String> configuration, java.time.Duration limit)
            throws Exception {
        var target = java.nio.file.Path.of(System.getProperty("project.build.directory", "target"));
        var log = target.resolve(logName);
        java.nio.file.Files.deleteIfExists(log);
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("PAYMENT_DB_URL", database().jdbcUrl());
        env.put("PAYMENT_DB_USER", EmbeddedDatabase.SERVICE_USER);
        env.put("PAYMENT_DB_PASSWORD", EmbeddedDatabase.SERVICE_PASSWORD);
        env.put("PAYMENT_KEK", KEK);
        env.put("PAYMENT_ADMIN_USER", ADMIN_USER);
        env.put("PAYMENT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("PAYMENT_WECHATPAY_API_URL", wechatPayUrl);
        env.put("PAYMENT_PUBLIC_URL", "https://pay.shop.example");
        env.putAll(configuration);
        return com.minishop.tools.PayaraProcess.startReady(
                target.resolve("payara-micro.jar"),
                target.resolve("payment-callback.war"),
                com.minishop.tools.PayaraProcess.freePort(),
                env,
                java.util.List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"),
                log,
                limit);
    }

    private static String random(int bytes) {
        byte[] raw = new byte[bytes];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }
}
