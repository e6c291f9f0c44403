package org.bikeguard.tracker.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;
import org.bikeguard.common.cli.FlagParser;
import org.bikeguard.common.cli.ParsedFlags;
import org.bikeguard.common.cli.UsageException;
import org.bikeguard.tracker.config.ConfigLoader;
import org.bikeguard.tracker.config.TrackerConfig;
import org.bikeguard.tracker.keys.KeyFile;
import org.bikeguard.tracker.keys.Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bikeguard postgres}: the tracker's embedded PostgreSQL (the same binaries and settings as
 * {@link Database}) run on its own, so that several trackers on one machine (demos, tests:
 * {@code ops/cluster}) share one database through {@code BIKEGUARD_DB_URL}. Listens on loopback
 * only, user {@code postgres} with the password of the key file ({@code BIKEGUARD_KEYS_FILE},
 * created, provisional, when absent: the first tracker settles it; or {@code BIKEGUARD_KEYS}),
 * which {@code bikeguard keys postgres-password} prints for the trackers' {@code BIKEGUARD_DB_PASSWORD}.
 * Prints its JDBC URL on standard output once it accepts connections, and stops the server cleanly
 * on SIGTERM or SIGINT.
 */
public final class StandalonePostgres {

    private static final Logger LOG = LoggerFactory.getLogger(StandalonePostgres.class);

    static final String USAGE = String.join(
            "\n",
            "usage: bikeguard postgres [--data-dir DIR] [--port N] [--max-connections N] [--url-file FILE]",
            "Runs the embedded PostgreSQL alone, on loopback, until SIGTERM; prints its JDBC URL.",
            "  --data-dir DIR        where its data lives (default $BIKEGUARD_DATA_DIR/pg, i.e. ~/.bikeguard/pg)",
            "  --port N              port to listen on (default 0: a free one)",
            "  --max-connections N   the server's max_connections (default 200: about 3 trackers with claims)",
            "  --url-file FILE       also write the JDBC URL to FILE once the server is up (removed at stop)",
            "  --help                this text");

    private static final FlagParser FLAGS = FlagParser.builder("bikeguard postgres")
            .options("--data-dir", "--port", "--max-connections", "--url-file")
            .help("--help", "-h")
            .usage(USAGE)
            .build();

    private StandalonePostgres() {}

    public static void main(String[] args) throws InterruptedException {
        ParsedFlags flags;
        int port;
        int maxConnections;
        try {
            flags = FLAGS.parse(args);
            if (flags.helpRequested()) {
                System.out.println(USAGE);
                return;
            }
            port = flags.intValue("--port", 0, 0, 65_535);
            maxConnections = flags.intValue("--max-connections", 200, 10, 10_000);
        } catch (UsageException e) {
            System.err.println("bikeguard postgres: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        Path urlFile = flags.has("--url-file") ? Path.of(flags.value("--url-file")) : null;
        EmbeddedPostgres pg;
        Path dataDir;
        try {
            TrackerConfig config = ConfigLoader.load();
            dataDir = Path.of(
                    flags.value("--data-dir", config.dataDir().resolve("pg").toString()));
            pg = Database.startEmbedded(dataDir, port, maxConnections, postgresPassword(config));
        } catch (RuntimeException e) {
            LOG.error("embedded PostgreSQL did not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        String url = pg.getJdbcUrl("postgres", "postgres");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop(pg, urlFile);
                            stopped.countDown();
                        },
                        "bikeguard-postgres-stop"));
        try {
            if (urlFile != null) {
                writeAtomically(urlFile, url + "\n");
            }
        } catch (IOException e) {
            LOG.error("cannot write the URL file {}: {}", urlFile, e.getMessage());
            System.exit(1);
        }
        LOG.info("embedded PostgreSQL ready [dataDir: {}, port: {}]", dataDir, pg.getPort());
        System.out.println(url);
        System.out.flush();
        stopped.await();
    }

    /**
     * The embedded server's password: from {@code BIKEGUARD_KEYS}, else from the key file, which
     * is created (provisional, mode 600) when absent, under its lock.
     */
    static String postgresPassword(TrackerConfig config) {
        if (config.keysJson().isPresent()) {
            return Keys.fromEnvironment(config.keysJson().get()).postgresPassword();
        }
        KeyFile file = new KeyFile(config.keysFile());
        return file.locked(() -> file.read().orElseGet(() -> {
                    Keys fresh = Keys.generate().provisional(true);
                    file.write(fresh);
                    LOG.info("created the key file (mode 600) [file: {}]", file.path());
                    return fresh;
                }))
                .postgresPassword();
    }

    private static void stop(EmbeddedPostgres pg, Path urlFile) {
        try {
            if (urlFile != null) {
                Files.deleteIfExists(urlFile);
            }
        } catch (IOException e) {
            LOG.warn("cannot remove the URL file {}: {}", urlFile, e.getMessage());
        }
        try {
            pg.close();
            LOG.info("embedded PostgreSQL stopped");
        } catch (IOException | RuntimeException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }

    /** Writes {@code text} so that a reader never sees a partial file. */
    private static void writeAtomically(Path file, String text) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
