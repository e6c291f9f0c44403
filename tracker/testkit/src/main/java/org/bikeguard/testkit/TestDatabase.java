package org.bikeguard.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.bikeguard.tracker.config.TrackerConfig;
import org.bikeguard.tracker.db.Database;

/**
 * One real PostgreSQL server per JVM (zonky embedded binaries under {@code java.io.tmpdir}, fsync
 * off, stopped when the JVM exits), and a fresh empty database on it per call: tests never share
 * a database unless they pass its URL around. The user is {@code postgres}, without password: this
 * server trusts local connections, unlike the product's embedded one (password from the key file,
 * tested by {@code EmbeddedPostgresAuthIT}), to keep the kit simple. Thread-safe.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabase() {}

    /** The shared server, started on first use and stopped when the JVM exits. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
                Path dir = Files.createTempDirectory("bikeguard-test-pg");
                server = EmbeddedPostgres.builder()
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(true)
                        .setServerConfig("fsync", "off")
                        .setServerConfig("max_connections", "200")
                        .start();
                EmbeddedPostgres s = server;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** Creates an empty database and returns its JDBC URL (user postgres, no password). */
    public static String newDatabaseUrl() {
        String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return server().getJdbcUrl("postgres", name);
    }

    /** A fresh database, migrated and pooled as the tracker does it for {@code config}. */
    public static Database newDatabase(TrackerConfig config) {
        return Database.connect(newDatabaseUrl(), "postgres", "", config);
    }
}
