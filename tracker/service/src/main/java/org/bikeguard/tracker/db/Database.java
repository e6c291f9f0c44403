package org.bikeguard.tracker.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.bikeguard.common.db.AdvisoryLock;
import org.bikeguard.tracker.config.TrackerConfig;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker's PostgreSQL: an external server named by the configuration, or an embedded one
 * kept under {@code dataDir/pg} (user {@code postgres}, password from the key file: see
 * {@link EmbeddedAuth}). Applies the migrations in {@code sql/} at start, one member at a
 * time (advisory lock {@value #MIGRATIONS_LOCK}: members started together on one database wait
 * for the first), and detects whether TimescaleDB is in use. The pool is thread-safe; connections
 * are for blocking work only (never on an event loop).
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** {@code max_connections} of the embedded server of one tracker. */
    static final int EMBEDDED_MAX_CONNECTIONS = 60;
    /** Name of the advisory lock under which members migrate the tracker's schema. */
    public static final String MIGRATIONS_LOCK = "bikeguard.tracker.migrations";

    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;
    private final String url;
    private final String user;
    private final String password;
    private final boolean timescale;

    private Database(EmbeddedPostgres embedded, String url, String user, String password, int poolSize) {
        this.embedded = embedded;
        this.url = url;
        this.user = user;
        this.password = password;
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize(poolSize);
        hc.setPoolName("bikeguard-db");
        hc.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        this.pool = new HikariDataSource(hc);
        this.timescale = detectTimescale();
    }

    /**
     * Starts (or connects to) the database named by the configuration and migrates it.
     *
     * @param embeddedPassword the embedded server's password (the key file's), used when the
     *                         configuration names no external database
     * @throws IllegalStateException when the database cannot be started, reached or migrated
     */
    public static Database start(TrackerConfig config, String embeddedPassword) {
        Optional<TrackerConfig.ExternalDb> ext = config.db();
        Map<String, String> placeholders = placeholders(config);
        if (ext.isPresent()) {
            TrackerConfig.ExternalDb d = ext.get();
            migrate(d.url(), d.user(), d.password(), placeholders);
            return new Database(null, d.url(), d.user(), d.password(), 16);
        }
        EmbeddedPostgres pg =
                startEmbedded(config.dataDir().resolve("pg"), 0, EMBEDDED_MAX_CONNECTIONS, embeddedPassword);
        String jdbc = pg.getJdbcUrl(EmbeddedAuth.USER, EmbeddedAuth.USER);
        try {
            migrate(jdbc, EmbeddedAuth.USER, embeddedPassword, placeholders);
            return new Database(pg, jdbc, EmbeddedAuth.USER, embeddedPassword, 16);
        } catch (RuntimeException e) {
            closeQuietly(pg);
            throw e;
        }
    }

    /** Connects to an existing server and migrates it (tests and tools). */
    public static Database connect(String url, String user, String password, TrackerConfig config) {
        migrate(url, user, password, placeholders(config));
        return new Database(null, url, user, password, 8);
    }

    private static Map<String, String> placeholders(TrackerConfig config) {
        return Map.of(
                "timescale",
                config.timescale(),
                "frameLogRetention",
                config.frameLogRetention().toHours() + " hours");
    }

    /**
     * Starts (creating it at the first start) the embedded PostgreSQL kept in {@code dir},
     * listening on loopback only, with durable commits, user {@code postgres} with
     * {@code password} (SCRAM-SHA-256; a directory of an older version that trusted local
     * connections is given the password, see {@link EmbeddedAuth}). The caller stops it
     * ({@code close()}).
     *
     * @param port           the port to listen on, or 0 for a free one
     * @param maxConnections the server's {@code max_connections}: {@value #EMBEDDED_MAX_CONNECTIONS}
     *                       serve one tracker with claims; each further tracker needs about as many
     * @throws IllegalStateException when it does not start, or refuses {@code password}
     */
    static EmbeddedPostgres startEmbedded(Path dir, int port, int maxConnections, String password) {
        EmbeddedAuth auth = new EmbeddedAuth(dir, password);
        EmbeddedPostgres pg;
        try {
            Files.createDirectories(dir.toAbsolutePath().getParent());
            LOG.info("starting embedded PostgreSQL [dataDir: {}]", dir);
            EmbeddedPostgres.Builder builder = auth.configure(EmbeddedPostgres.builder());
            if (port != 0) {
                builder.setPort(port);
            }
            pg = builder.setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    // We stop it ourselves, after the last checkpoint.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // The embedded library defaults to synchronous_commit=off; a PUBACK promises durability.
                    .setServerConfig("synchronous_commit", "on")
                    // Loopback only, and a password all the same (EmbeddedAuth).
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("max_connections", String.valueOf(maxConnections))
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("wal_compression", "on")
                    .setServerConfig("max_wal_size", "2GB")
                    .start();
        } catch (IOException | RuntimeException e) {
            // the library leaves a server it gave up on running: stop it, or it holds the directory
            EmbeddedAuth.stopLeftoverServer(dir);
            if (EmbeddedAuth.passwordRefused(e)) {
                throw EmbeddedAuth.refused(dir, e);
            }
            throw new IllegalStateException(
                    "embedded PostgreSQL did not start [dataDir: " + dir + "]: " + e.getMessage(), e);
        } finally {
            auth.deletePasswordFile();
        }
        try {
            auth.afterStart(pg);
            return pg;
        } catch (RuntimeException e) {
            closeQuietly(pg);
            throw e;
        }
    }

    private static void migrate(String url, String user, String password, Map<String, String> placeholders) {
        AdvisoryLock.holding(
                () -> DriverManager.getConnection(url, user, password), MIGRATIONS_LOCK, () -> Flyway.configure()
                        .dataSource(url, user, password)
                        .locations("classpath:db/migration")
                        .placeholders(placeholders)
                        .load()
                        .migrate());
    }

    private boolean detectTimescale() {
        try (Connection c = pool.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'")) {
            rs.next();
            return rs.getLong(1) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot inspect database extensions: " + e.getMessage(), e);
        }
    }

    /** The pooled data source (blocking; use from worker threads). */
    public DataSource dataSource() {
        return pool;
    }

    /** A new unpooled connection, for long-lived work such as the frame-log writer's COPY. */
    public Connection openDedicatedConnection() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /**
     * Runs {@code work} while holding the advisory lock {@code name} on a dedicated connection, so
     * that members of a cluster do it one at a time (see {@link AdvisoryLock}). Blocking: waits for
     * the member that holds the lock.
     */
    public <T> T exclusively(String name, Callable<T> work) {
        return AdvisoryLock.holding(this::openDedicatedConnection, name, work);
    }

    /** Whether the TimescaleDB extension is in use (hypertables) rather than plain partitions. */
    public boolean timescale() {
        return timescale;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The JDBC URL, for logs and tools (carries no password). */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        pool.close();
        if (embedded != null) {
            closeQuietly(embedded);
        }
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
