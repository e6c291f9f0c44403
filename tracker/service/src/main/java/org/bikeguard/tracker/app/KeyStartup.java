package org.bikeguard.tracker.app;

import java.util.Map;
import javax.sql.DataSource;
import org.bikeguard.tracker.config.TrackerConfig;
import org.bikeguard.tracker.db.Database;
import org.bikeguard.tracker.keys.DatabaseKeys;
import org.bikeguard.tracker.keys.KeyFile;
import org.bikeguard.tracker.keys.KeyPurpose;
import org.bikeguard.tracker.keys.Keys;
import org.bikeguard.tracker.keys.LiveKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the keys and the database together at start, since each needs the other: the embedded
 * PostgreSQL's password is in the key file, and the keys of an older version are in the database.
 *
 * <ol>
 *   <li>Keys from {@code BIKEGUARD_KEYS}, or from the key file under its lock (members starting
 *       at once on one host take turns). An absent file is created first, marked provisional,
 *       with fresh keys and a fresh password (mode 600).
 *   <li>The database starts (the embedded one with that password) and is migrated.
 *   <li>When the database still holds keys of an older version ({@code server_keys_legacy}): a
 *       provisional file takes them as its keys (id {@code 0}, so every token, ciphertext and
 *       station digest stays valid); any other source must already hold them, else the start
 *       fails.
 *   <li>The database's key-file id is recorded, or checked against the keys' own.
 *   <li>The file is settled (no longer provisional), and only afterwards the table dropped.
 * </ol>
 *
 * A crash between the steps repeats them at the next start. Blocking; used by one start.
 */
final class KeyStartup {

    private static final Logger LOG = LoggerFactory.getLogger(KeyStartup.class);

    /** The started, migrated database and the keys to use with it. */
    record Opened(Database db, LiveKeys keys) {}

    private KeyStartup() {}

    /**
     * @throws IllegalStateException when the keys cannot be read or written, the database does not
     *                               start, or keys and database do not belong together
     */
    static Opened open(TrackerConfig config) {
        if (config.keysJson().isPresent()) {
            Keys keys;
            try {
                keys = Keys.fromEnvironment(config.keysJson().get());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            if (keys.provisional()) {
                throw new IllegalStateException("BIKEGUARD_KEYS holds a provisional key file: give a settled one");
            }
            Database db = Database.start(config, keys.postgresPassword());
            try {
                return new Opened(db, LiveKeys.fixed(settle(db.dataSource(), keys, null, "BIKEGUARD_KEYS")));
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
        }
        KeyFile file = new KeyFile(config.keysFile());
        return file.locked(() -> {
            Keys keys = readOrCreate(file);
            Database db = Database.start(config, keys.postgresPassword());
            try {
                Keys settled = settle(db.dataSource(), keys, file, file.path().toString());
                LOG.info("keys loaded [file: {}, keys: {}]", file.path(), settled.summary());
                return new Opened(db, LiveKeys.following(file, settled));
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
        });
    }

    private static Keys readOrCreate(KeyFile file) {
        try {
            return file.read().orElseGet(() -> {
                Keys fresh = Keys.generate().provisional(true);
                file.write(fresh);
                LOG.info(
                        "created the key file (mode 600): back it up, and give every member of a cluster the same "
                                + "one [file: {}]",
                        file.path());
                return fresh;
            });
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Keys settle(DataSource ds, Keys keys, KeyFile file, String source) {
        Map<KeyPurpose, byte[]> legacy = DatabaseKeys.legacy(ds);
        Keys settled = keys;
        if (!legacy.isEmpty() && !keys.holds(legacy)) {
            if (file == null || !keys.provisional()) {
                throw new IllegalStateException("the database holds the keys of an older version (table "
                        + DatabaseKeys.LEGACY_TABLE + ") and the keys of " + source + " lack them: build the key "
                        + "file from the database with `bikeguard keys import` and give it to every member "
                        + "(docs/operations.md, \"Keys\")");
            }
            settled = keys.importing(legacy);
            LOG.info(
                    "imported the database's keys into the key file as key id 0 [file: {}, purposes: {}]",
                    file.path(),
                    legacy.keySet());
        }
        DatabaseKeys.checkFileId(ds, settled.fileId(), source);
        if (settled.provisional()) {
            settled = settled.provisional(false);
            file.write(settled);
        }
        // only now that the key file holds them (also: the empty table of a new database)
        DatabaseKeys.dropLegacy(ds);
        if (!legacy.isEmpty()) {
            LOG.info("dropped {}: the database holds no key any more", DatabaseKeys.LEGACY_TABLE);
        }
        return settled;
    }
}
