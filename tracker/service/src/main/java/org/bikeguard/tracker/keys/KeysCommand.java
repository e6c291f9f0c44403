package org.bikeguard.tracker.keys;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.bikeguard.common.cli.FlagParser;
import org.bikeguard.common.cli.ParsedFlags;
import org.bikeguard.common.cli.UsageException;
import org.bikeguard.tracker.config.ConfigLoader;
import org.bikeguard.tracker.config.TrackerConfig;

/**
 * {@code bikeguard keys}: the key file from the command line. Changes to the file are made under
 * its lock and written whole (mode 600); running trackers read it again within seconds. Prints
 * key ids and times, never a key (except {@code postgres-password}, which prints that password).
 * Exit status 0, 1 on failure, 2 on a usage error.
 */
public final class KeysCommand {

    static final String USAGE = String.join(
            "\n",
            "usage: bikeguard keys COMMAND [--file FILE] [flags]",
            "Commands:",
            "  list                    the rings: key ids, activation times (UTC), the current key; never a key",
            "  init                    create the key file with fresh keys (fails when it exists)",
            "  rotate [--purpose P,..] [--activate-in D]",
            "                          add a new key to each ring named (default: token-signing,",
            "                          id-number-encryption, id-number-lookup), current from now + D (default",
            "                          10m: time to give every member the new file). Older keys keep verifying",
            "                          and decrypting; the trackers re-encrypt ID numbers once the key is current",
            "  retire --purpose P --id K",
            "                          remove an older key (never the current one): tokens and ciphertexts",
            "                          under it stop being accepted",
            "  import                  build a new key file from an older version's keys in the database named",
            "                          by BIKEGUARD_DB_URL, _DB_USER, _DB_PASSWORD (table server_keys)",
            "  postgres-password       print the embedded PostgreSQL's password (for BIKEGUARD_DB_PASSWORD)",
            "Flags:",
            "  --file FILE             the key file (default $BIKEGUARD_KEYS_FILE, else ~/.bikeguard-keys)",
            "  --help                  this text");

    private static final FlagParser FLAGS = FlagParser.builder("bikeguard keys")
            .options("--file", "--purpose", "--activate-in", "--id")
            .help("--help", "-h")
            .usage(USAGE)
            .build();

    private KeysCommand() {}

    public static void main(String[] args) {
        TrackerConfig config;
        try {
            config = ConfigLoader.load();
        } catch (IllegalArgumentException e) {
            System.err.println("bikeguard keys: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.exit(run(args, config, Clock.systemUTC()));
    }

    /** Runs one command with the configuration {@code config}; returns the exit status (tests call this). */
    static int run(String[] args, TrackerConfig config, Clock clock) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        try {
            ParsedFlags flags = FLAGS.parse(Arrays.copyOfRange(args, 1, args.length));
            if (flags.helpRequested()) {
                System.out.println(USAGE);
                return 0;
            }
            if (config.keysJson().isPresent() && !flags.has("--file") && !command.equals("postgres-password")) {
                throw new UsageException("the keys come from BIKEGUARD_KEYS: name a key file with --file");
            }
            KeyFile file =
                    new KeyFile(Path.of(flags.value("--file", config.keysFile().toString())));
            switch (command) {
                case "list" -> list(file, clock.instant());
                case "init" -> init(file);
                case "rotate" -> rotate(file, flags, clock.instant());
                case "retire" -> retire(file, flags, clock.instant());
                case "import" -> importFromDatabase(file, config);
                case "postgres-password" ->
                    System.out.println(
                            config.keysJson().isPresent() && !flags.has("--file")
                                    ? Keys.fromEnvironment(config.keysJson().get())
                                            .postgresPassword()
                                    : existing(file).postgresPassword());
                default -> throw new UsageException("unknown command '" + command + "'");
            }
            return 0;
        } catch (UsageException e) {
            System.err.println("bikeguard keys: " + e.getMessage() + "\n" + USAGE);
            return 2;
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("bikeguard keys " + command + ": " + e.getMessage());
            return 1;
        }
    }

    private static void list(KeyFile file, Instant now) {
        Keys keys = existing(file);
        System.out.println("key file " + file.path() + " (fileId " + keys.fileId()
                + (keys.provisional() ? ", provisional: the first tracker start settles it" : "") + ")");
        for (KeyRing r : keys.rings().values()) {
            String current = r.current(now).id();
            System.out.println(r.purpose().wire() + (r.purpose().rotatable() ? "" : " (not rotated)"));
            for (KeyVersion v : r.versions()) {
                System.out.printf(
                        "  %-4s active from %s%s%s%n",
                        v.id(),
                        v.activeFrom(),
                        v.legacy() ? ", imported from the database" : "",
                        v.id().equals(current) ? "  <- current" : "");
            }
        }
    }

    private static void init(KeyFile file) {
        file.locked(() -> {
            if (file.exists()) {
                throw new IllegalStateException(file.path() + " exists");
            }
            Keys keys = Keys.generate();
            file.write(keys);
            System.out.println("created " + file.path() + " (mode 600, fileId " + keys.fileId() + ")");
            return null;
        });
    }

    private static void rotate(KeyFile file, ParsedFlags flags, Instant now) throws UsageException {
        Set<KeyPurpose> purposes = purposes(flags);
        Duration in = flags.duration("--activate-in", Duration.ofMinutes(10));
        Instant activeFrom = now.plus(in).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        file.locked(() -> {
            Keys rotated = existing(file).rotate(purposes, activeFrom);
            file.write(rotated);
            for (KeyPurpose p : purposes) {
                KeyRing r = rotated.ring(p);
                System.out.println(p.wire() + ": new key "
                        + r.versions().get(r.versions().size() - 1).id() + ", current from " + activeFrom);
            }
            return null;
        });
        if (in.compareTo(Duration.ofMinutes(1)) < 0) {
            System.err.println("note: every member must have the new file before " + activeFrom
                    + "; a member without it refuses the new tokens and cannot read the new ciphertexts");
        }
    }

    private static void retire(KeyFile file, ParsedFlags flags, Instant now) throws UsageException {
        if (!flags.has("--purpose") || !flags.has("--id")) {
            throw new UsageException("retire needs --purpose and --id");
        }
        KeyPurpose purpose = KeyPurpose.fromWire(flags.value("--purpose"));
        String id = flags.value("--id");
        file.locked(() -> {
            file.write(existing(file).retire(purpose, id, now));
            System.out.println(purpose.wire() + ": key " + id + " retired");
            return null;
        });
    }

    private static void importFromDatabase(KeyFile file, TrackerConfig config) {
        TrackerConfig.ExternalDb db = config.db()
                .orElseThrow(() -> new IllegalStateException("set BIKEGUARD_DB_URL (and _DB_USER, _DB_PASSWORD): an "
                        + "embedded database imports its keys by itself at the tracker's start"));
        Map<KeyPurpose, byte[]> legacy;
        String recordedFileId = null;
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            legacy = DatabaseKeys.legacy(c, DatabaseKeys.LEGACY_TABLE);
            if (legacy.isEmpty()) {
                legacy = DatabaseKeys.legacy(c, "server_keys");
            }
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT CASE WHEN to_regclass('key_file') IS NULL THEN NULL ELSE"
                            + " (SELECT file_id FROM key_file) END")) {
                rs.next();
                recordedFileId = rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's keys: " + e.getMessage(), e);
        }
        if (legacy.isEmpty()) {
            throw new IllegalStateException("the database holds no keys to import (already imported, or new)");
        }
        Map<KeyPurpose, byte[]> found = legacy;
        String fileId = recordedFileId;
        file.locked(() -> {
            if (file.exists()) {
                throw new IllegalStateException(file.path() + " exists");
            }
            Keys fresh = Keys.generate().importing(found);
            Keys keys = fileId == null ? fresh : new Keys(fileId, fresh.postgresPassword(), fresh.rings(), false);
            file.write(keys);
            System.out.println("created " + file.path() + " (mode 600, fileId " + keys.fileId() + ") with the keys "
                    + found.keySet() + " as key id 0; give it to every member before they start");
            return null;
        });
    }

    private static Set<KeyPurpose> purposes(ParsedFlags flags) {
        if (!flags.has("--purpose")) {
            return EnumSet.of(KeyPurpose.TOKEN_SIGNING, KeyPurpose.ID_NUMBER_ENCRYPTION, KeyPurpose.ID_NUMBER_LOOKUP);
        }
        Set<KeyPurpose> out = EnumSet.noneOf(KeyPurpose.class);
        for (String p : flags.value("--purpose").split(",")) {
            out.add(KeyPurpose.fromWire(p));
        }
        return out;
    }

    private static Keys existing(KeyFile file) {
        return file.read()
                .orElseThrow(() -> new IllegalStateException("no key file at " + file.path()
                        + " (the tracker creates it at its first start; or: bikeguard keys init)"));
    }
}
