package com.minishop.tools;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A real PostgreSQL 17 started from Maven Central's binaries (zonky). With a data directory it keeps its
 * data across restarts (the run command); without one it starts empty (the tests).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String USER = "postgres";
    /** Local trust authentication ignores it; the data source just needs a non-empty value. */
    public static final String PASSWORD = "postgres";

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
            return new EmbeddedDatabase(builder.start(), dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
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
