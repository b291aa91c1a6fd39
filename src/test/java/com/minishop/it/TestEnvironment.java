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

    private static String random(int bytes) {
        byte[] raw = new byte[bytes];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }
}
