package org.bikeguard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Key files of test trackers ({@code BIKEGUARD_KEYS_FILE}): one per database, under
 * {@code java.io.tmpdir/bikeguard-test-keys/}, so that trackers started on one database, in this
 * JVM or as processes, one after the other or at once, share their keys as the members of a
 * cluster share one key file. {@link TrackerKit} and {@link TrackerProcess} set it unless the
 * test sets {@code BIKEGUARD_KEYS_FILE} or {@code BIKEGUARD_KEYS} itself. Stateless; thread-safe.
 */
public final class TestKeys {

    private TestKeys() {}

    /** The key file of the trackers on the database at {@code jdbcUrl} (created by the first of them). */
    public static Path fileFor(String jdbcUrl) {
        String name =
                jdbcUrl.replaceFirst("\\?.*$", "").replaceFirst("^.*/", "").replaceAll("[^A-Za-z0-9_-]", "_");
        String hash = HexFormat.of().toHexDigits(jdbcUrl.hashCode());
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "bikeguard-test-keys"));
            return dir.resolve(name + "-" + hash + ".json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code env} with {@code BIKEGUARD_KEYS_FILE} set to the key file of its database
     * ({@code BIKEGUARD_DB_URL}) unless it names its keys already or has no database URL.
     */
    public static Map<String, String> withKeyFile(Map<String, String> env) {
        if (env.containsKey("BIKEGUARD_KEYS_FILE")
                || env.containsKey("BIKEGUARD_KEYS")
                || !env.containsKey("BIKEGUARD_DB_URL")) {
            return env;
        }
        Map<String, String> m = new HashMap<>(env);
        m.put("BIKEGUARD_KEYS_FILE", fileFor(env.get("BIKEGUARD_DB_URL")).toString());
        return m;
    }
}
