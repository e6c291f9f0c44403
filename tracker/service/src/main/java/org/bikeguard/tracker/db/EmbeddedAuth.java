package org.bikeguard.tracker.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password authentication of the embedded PostgreSQL (user {@code postgres}, SCRAM-SHA-256, for
 * local and loopback connections alike), the password coming from the key file. A new data
 * directory is created with it ({@code initdb --auth=scram-sha-256 --pwfile}, the password file
 * living only for the {@code initdb} run); a data directory of an older version, which trusted
 * every local connection, starts once more that way, gets the password (its SCRAM verifier
 * computed here: the password never reaches the server in clear), and then its
 * {@code pg_hba.conf} is replaced and reloaded. Used by one start at a time; not thread-safe.
 */
final class EmbeddedAuth {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedAuth.class);
    static final String USER = "postgres";
    /** First line of the {@code pg_hba.conf} this class writes. */
    static final String MARKER = "# bikeguard: password (SCRAM-SHA-256) authentication only";

    static final String HBA = String.join(
            "\n",
            MARKER,
            "# The password is in the key file (BIKEGUARD_KEYS_FILE), never in this directory.",
            "local   all   all                  scram-sha-256",
            "host    all   all   127.0.0.1/32   scram-sha-256",
            "host    all   all   ::1/128        scram-sha-256",
            "");

    private final Path dir;
    private final String password;
    private final boolean fresh;
    private Path pwfile;
    private boolean convertAfterStart;

    /**
     * @param dir      the data directory
     * @param password the password of user {@code postgres}
     */
    EmbeddedAuth(Path dir, String password) {
        this.dir = dir;
        this.password = password;
        this.fresh = !Files.exists(dir.resolve("postgresql.conf"));
    }

    /** Sets up {@code builder}: initdb options for a new directory, the {@code pg_hba.conf} check for every start. */
    EmbeddedPostgres.Builder configure(EmbeddedPostgres.Builder builder) throws IOException {
        if (fresh) {
            pwfile = Files.createTempFile(
                    "bikeguard-initdb-",
                    ".pw",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
            // initdb takes its last --auth: these follow the library's "-A trust"
            builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", pwfile.toString());
        }
        // the library checks readiness with a connection of its own: give it the password (a
        // directory that still trusts local connections ignores it)
        return builder.setServerConfig("password_encryption", "scram-sha-256")
                .setConnectConfig("password", password)
                .setDataDirectoryCustomizer(d -> beforeStart(d.toPath()));
    }

    private void beforeStart(Path dataDir) {
        deletePasswordFile();
        try {
            Path hba = dataDir.resolve("pg_hba.conf");
            String current = Files.exists(hba) ? Files.readString(hba, StandardCharsets.UTF_8) : "";
            if (current.startsWith(MARKER)) {
                return;
            }
            if (fresh) {
                Files.writeString(hba, HBA, StandardCharsets.UTF_8);
            } else {
                LOG.warn(
                        "the embedded PostgreSQL trusted local connections (an older version's data directory): "
                                + "starting it once more so, to give it the key file's password [dataDir: {}]",
                        dataDir);
                convertAfterStart = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check pg_hba.conf in " + dataDir, e);
        }
    }

    /**
     * After the start: converts a directory that trusted local connections, then checks that the
     * key file's password opens the database.
     *
     * @throws IllegalStateException when the password is refused (the key file is not the one the
     *                               directory was set up with)
     */
    void afterStart(EmbeddedPostgres pg) {
        deletePasswordFile();
        String url = pg.getJdbcUrl(USER, USER);
        try {
            if (convertAfterStart) {
                try (Connection c = DriverManager.getConnection(url, USER, "")) {
                    c.unwrap(PGConnection.class).alterUserPassword(USER, password.toCharArray(), "scram-sha-256");
                    Files.writeString(dir.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
                    try (Statement st = c.createStatement()) {
                        st.execute("SELECT pg_reload_conf()");
                    }
                }
                LOG.info("the embedded PostgreSQL now requires the key file's password [dataDir: {}]", dir);
            }
            try (Connection c = DriverManager.getConnection(url, USER, password)) {
                c.isValid(5);
            }
        } catch (SQLException e) {
            if (passwordRefused(e)) {
                throw refused(dir, e);
            }
            throw new IllegalStateException(
                    "cannot connect to the embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write pg_hba.conf in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code e} or a cause of it is the server refusing the password. */
    static boolean passwordRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && ("28P01".equals(s.getSQLState()) || "28000".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** The error of a data directory that refuses the key file's password. */
    static IllegalStateException refused(Path dir, Throwable cause) {
        return new IllegalStateException(
                "the embedded PostgreSQL in " + dir + " refuses the key file's password: "
                        + "the key file is not the one this database was set up with. Restore that key file "
                        + "(docs/operations.md, \"Keys\")",
                cause);
    }

    /**
     * Stops the server of {@code dir} that a failed start left running ({@code postmaster.pid}
     * names it; it is stopped only when that process is a PostgreSQL server), waiting up to 30 s.
     */
    static void stopLeftoverServer(Path dir) {
        try {
            Path pidFile = dir.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle.of(pid)
                    .filter(p ->
                            p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                    .ifPresent(p -> {
                        LOG.warn("stopping the embedded PostgreSQL left by a failed start [pid: {}]", pid);
                        p.destroy();
                        try {
                            p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (Exception e) {
                            LOG.warn("the embedded PostgreSQL did not stop [pid: {}]: {}", pid, e.toString());
                        }
                    });
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot check for a leftover embedded PostgreSQL in {}: {}", dir, e.toString());
        }
    }

    /** Removes the initdb password file (also when the start failed). */
    void deletePasswordFile() {
        if (pwfile != null) {
            try {
                Files.deleteIfExists(pwfile);
                pwfile = null;
            } catch (IOException e) {
                LOG.warn("cannot remove the initdb password file {}: {}", pwfile, e.getMessage());
            }
        }
    }
}
