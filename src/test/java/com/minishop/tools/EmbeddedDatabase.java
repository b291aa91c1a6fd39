package com.minishop.tools;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A real PostgreSQL 17 started from Maven Central's binaries (zonky). With a data directory it keeps its
 * data across restarts (the run command); without one it starts empty (the tests).
 *
 * <p>The service connects as {@link #SERVICE_USER}, an ordinary role that row-level security binds, set
 * up at every start as the README tells an operator to (the role, the cross-tenant role it may take,
 * the right to create the schema). The tools and the tests' checks use the superuser {@link #USER}.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The superuser: for setting up and for checking what the service stored, never for the service. */
    public static final String USER = "postgres";
    /** Local trust authentication ignores it; the data source just needs a non-empty value. */
    public static final String PASSWORD = "postgres";

    /** The service's own role: no superuser, no BYPASSRLS. */
    public static final String SERVICE_USER = "payment";
    /** Local trust authentication ignores it too. */
    public static final String SERVICE_PASSWORD = "payment";

    /**
     * What an operator runs once (README, "An external database"), idempotent; and, for a run-command
     * database from before the service had a role of its own, the hand-over of its tables and sequences.
     */
    private static final String SERVICE_ROLE_SETUP =
            """
            DO $$
            DECLARE
                object record;
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'payment') THEN
                    CREATE ROLE payment LOGIN PASSWORD 'payment' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
                END IF;
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'payment_cross_tenant') THEN
                    CREATE ROLE payment_cross_tenant NOLOGIN NOSUPERUSER NOBYPASSRLS;
                END IF;
                GRANT payment_cross_tenant TO payment WITH INHERIT FALSE, SET TRUE;
                GRANT CREATE ON SCHEMA public TO payment;
                FOR object IN
                    SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S') AND pg_get_userbyid(c.relowner) <> 'payment'
                LOOP
                    EXECUTE format('ALTER %s %s OWNER TO payment',
                                   CASE object.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, object.name);
                END LOOP;
            END $$
            """;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** Starts PostgreSQL; {@code dataDirectory} null means a fresh temporary one, {@code port} 0 any free port. */
    public static EmbeddedDatabase start(Path dataDirectory, int port) {
        try {
            var builder = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    // zonky turns it off; we answer WeChat only after a commit that must survive a crash
                    .setServerConfig("synchronous_commit", "on")
                    // the tests' throwaway database need not survive a power cut, only a process crash
                    .setServerConfig("fsync", dataDirectory == null ? "off" : "on");
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            if (port > 0) {
                builder.setPort(port);
            }
            var database = new EmbeddedDatabase(builder.start(), dataDirectory);
            database.setUpServiceRole();
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    private void setUpServiceRole() {
        try (var connection = DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
                var statement = connection.createStatement()) {
            statement.execute(SERVICE_ROLE_SETUP);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set up the service's database role: " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The data directory given to {@link #start}; null for a temporary one. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/postgres";
    }

    /**
     * Kills every PostgreSQL process of this database with SIGKILL, as a crash would: nothing is shut
     * down cleanly, the next start runs crash recovery. Needs a data directory given at start.
     */
    public void crash() {
        if (dataDirectory == null) {
            throw new IllegalStateException("only a database with a known data directory can be crashed and restarted");
        }
        try {
            long pid = Long.parseLong(java.nio.file.Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                    .get(0)
                    .trim());
            ProcessHandle.of(pid).ifPresent(postmaster -> {
                postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
                postmaster.destroyForcibly();
                postmaster.onExit().join();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        close(); // releases zonky's lock on the directory; its stop finds nothing left to stop
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
