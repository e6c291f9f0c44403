package org.bikeguard.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * String settings keyed like the environment ({@code BIKEGUARD_HTTP_PORT}), the way every
 * bikeguard module is configured: the properties file named by {@value #FILE_KEY} (same keys),
 * with the environment over it. Typed getters treat a blank value as absent and fail with a
 * {@link ConfigException} naming the key (lists excepted, see {@link #list}). String values are returned as given (a password may end
 * in a space); numbers are trimmed; values read from the file are trimmed.
 *
 * <p>Immutable; thread-safe. {@link #toString()} lists the keys only, never the values.
 */
public final class Settings {

    /** The environment variable naming an optional properties file with the same keys. */
    public static final String FILE_KEY = "BIKEGUARD_CONFIG";

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** The process environment over the file it names in {@value #FILE_KEY}. */
    public static Settings fromEnvironment() {
        return load(System.getenv());
    }

    /**
     * The given environment over the properties file it names in {@value #FILE_KEY}, if any: a key
     * set in both takes the environment's value.
     *
     * @throws ConfigException when the named file cannot be read
     */
    public static Settings load(Map<String, String> env) {
        Map<String, String> merged = new HashMap<>();
        String file = env.get(FILE_KEY);
        if (file != null && !file.isBlank()) {
            Properties props = new Properties();
            try (Reader r = Files.newBufferedReader(Path.of(file.trim()), StandardCharsets.UTF_8)) {
                props.load(r);
            } catch (IOException | RuntimeException e) {
                throw new ConfigException(FILE_KEY + " names a file that cannot be read: " + file + " (" + e + ")");
            }
            props.forEach((k, v) -> merged.put(k.toString().trim(), v.toString().trim()));
        }
        merged.putAll(env);
        return new Settings(merged);
    }

    /**
     * Exactly these settings, no file and no environment (tests; a deployment's JSON config as a
     * map). Values are strings, numbers or booleans; null values are skipped.
     *
     * @throws ConfigException for a value of another type (a nested object or array)
     */
    public static Settings of(Map<String, ?> values) {
        return new Settings(text(values));
    }

    /**
     * These settings with {@code overrides} winning (a key present there replaces this value even
     * when blank, so an override can unset a setting). Values as in {@link #of}.
     */
    public Settings overriddenBy(Map<String, ?> overrides) {
        Map<String, String> merged = new HashMap<>(values);
        merged.putAll(text(overrides));
        return new Settings(merged);
    }

    /** The value, empty when absent or blank. */
    public Optional<String> string(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    /** The value, or {@code def} when absent or blank. */
    public String string(String key, String def) {
        return string(key).orElse(def);
    }

    /**
     * The value as an integer, or {@code def} when absent or blank.
     *
     * @throws ConfigException when the value is not an integer
     */
    public int integer(String key, int def) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return def;
        }
        try {
            return Integer.parseInt(v.get().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be an integer, got '" + v.get() + "'");
        }
    }

    /**
     * The comma-separated value as a list of its non-blank, trimmed items. Unlike the other
     * getters, {@code def} (which may be null: no items) applies only when the key is absent: a
     * blank value is the empty list, so that a list with a default can be emptied.
     */
    public List<String> list(String key, String def) {
        String v = values.getOrDefault(key, def);
        return v == null
                ? List.of()
                : Arrays.stream(v.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    /** All settings, unmodifiable (for a module that hands a subset on). */
    public Map<String, String> asMap() {
        return values;
    }

    private static Map<String, String> text(Map<String, ?> values) {
        Map<String, String> out = new HashMap<>();
        if (values == null) {
            return out;
        }
        values.forEach((k, v) -> {
            if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                out.put(k, v.toString());
            } else if (v != null) {
                throw new ConfigException(k + " must be a string, number or boolean, got a "
                        + v.getClass().getSimpleName());
            }
        });
        return out;
    }

    @Override
    public String toString() {
        return "Settings" + new TreeSet<>(values.keySet());
    }
}
