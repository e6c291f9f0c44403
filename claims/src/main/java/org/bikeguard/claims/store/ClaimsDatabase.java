package org.bikeguard.claims.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.bikeguard.common.db.AdvisoryLock;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claims module's PostgreSQL access: its own schema {@code claims} with its own Flyway history
 * table ({@code claims_schema_history}), migrations from {@code db/claims} (applied by one member at
 * a time, under advisory lock {@value #MIGRATIONS_LOCK}), and a small Hikari pool whose connections
 * default to {@code search_path=claims}. Connections are for blocking work only
 * (worker threads, never an event loop). Thread-safe.
 */
public final class ClaimsDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimsDatabase.class);
    /** Name of the advisory lock under which members migrate the claims schema. */
    public static final String MIGRATIONS_LOCK = "bikeguard.claims.migrations";

    private final HikariDataSource pool;

    private ClaimsDatabase(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * Migrates the {@code claims} schema and opens a pool.
     *
     * @throws IllegalStateException when the database cannot be reached or migrated
     */
    public static ClaimsDatabase connect(String url, String user, String password, int poolSize) {
        try {
            // Trackers started together on one database each deploy claims: one migrates, the
            // others wait for it and then find the schema current.
            AdvisoryLock.holding(
                    () -> DriverManager.getConnection(url, user, password), MIGRATIONS_LOCK, () -> Flyway.configure()
                            .dataSource(url, user, password)
                            .schemas("claims")
                            .defaultSchema("claims")
                            .createSchemas(true)
                            .table("claims_schema_history")
                            .locations("classpath:db/claims")
                            .load()
                            .migrate());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot migrate the claims schema: " + e.getMessage(), e);
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize(poolSize);
        hc.setPoolName("bikeguard-claims-db");
        hc.setSchema("claims");
        hc.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        LOG.info("claims schema migrated [poolSize: {}]", poolSize);
        return new ClaimsDatabase(new HikariDataSource(hc));
    }

    /** A pooled connection (autocommit on); close it. Blocking. */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Runs {@code work} in one transaction, committing on success and rolling back on any failure. Blocking. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database failure: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Work inside a transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
