package org.bikeguard.tracker.keys;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * What a key file holds: a key ring for every {@link KeyPurpose}, the embedded PostgreSQL's
 * password, and the file's random id (recorded in the database, so that a member with another key
 * file refuses to start). Immutable; thread-safe; {@link #toString()} shows no secret.
 *
 * <p>The file is JSON, keys in standard base64, instants ISO-8601 UTC:
 *
 * <pre>{@code
 * {"format":1,"fileId":"9f0c...","postgresPassword":"...",
 *  "keys":{"token-signing":[{"id":"1","key":"<base64>","activeFrom":"1970-01-01T00:00:00Z"}],
 *          "station-secret":[...],"id-number-encryption":[...],"id-number-lookup":[...]}}
 * }</pre>
 *
 * A key imported from the old {@code server_keys} table carries {@code "legacy":true}.
 * {@code "provisional":true} marks a file written at a first start before the database was
 * asked for keys to import; a start that finds it finishes that step.
 *
 * @param fileId           random id of this key file (32 hex digits); kept by rotation
 * @param postgresPassword the embedded PostgreSQL's password (user {@code postgres})
 * @param rings            one ring per purpose, every purpose present
 * @param provisional      written before the import from the database was settled
 */
public record Keys(String fileId, String postgresPassword, Map<KeyPurpose, KeyRing> rings, boolean provisional) {

    /** The file format this code writes and reads. */
    public static final int FORMAT = 1;

    private static final SecureRandom RANDOM = new SecureRandom();

    public Keys {
        Objects.requireNonNull(fileId, "fileId");
        if (!fileId.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("fileId must be 32 lower-case hex digits");
        }
        Objects.requireNonNull(postgresPassword, "postgresPassword");
        if (postgresPassword.length() < 16) {
            throw new IllegalArgumentException("postgresPassword must be at least 16 characters");
        }
        Map<KeyPurpose, KeyRing> m = new EnumMap<>(KeyPurpose.class);
        m.putAll(rings);
        for (KeyPurpose p : KeyPurpose.values()) {
            KeyRing r = m.get(p);
            if (r == null) {
                throw new IllegalArgumentException("no key ring " + p.wire());
            }
            if (r.purpose() != p) {
                throw new IllegalArgumentException("key ring " + r.purpose().wire() + " filed as " + p.wire());
            }
        }
        rings = java.util.Collections.unmodifiableMap(m);
    }

    /** Fresh random keys (id {@code 1}, active from the epoch), a fresh password and file id. */
    public static Keys generate() {
        Map<KeyPurpose, KeyRing> rings = new EnumMap<>(KeyPurpose.class);
        for (KeyPurpose p : KeyPurpose.values()) {
            rings.put(p, KeyRing.single(p, "1", randomKey()));
        }
        return new Keys(randomFileId(), randomPassword(), rings, false);
    }

    /** The ring of {@code purpose}. */
    public KeyRing ring(KeyPurpose purpose) {
        return rings.get(purpose);
    }

    /** This file marked provisional or settled. */
    public Keys provisional(boolean p) {
        return new Keys(fileId, postgresPassword, rings, p);
    }

    /**
     * These keys with every purpose found in {@code legacy} (the old {@code server_keys} table,
     * by purpose) replaced by a ring of that one key, id {@value KeyVersion#LEGACY_ID}, legacy,
     * active from the epoch: what existed keeps verifying and decrypting, and stays current until
     * a rotation. Purposes absent from {@code legacy} keep their keys.
     */
    public Keys importing(Map<KeyPurpose, byte[]> legacy) {
        Map<KeyPurpose, KeyRing> m = new EnumMap<>(rings);
        legacy.forEach((p, material) ->
                m.put(p, new KeyRing(p, List.of(new KeyVersion(KeyVersion.LEGACY_ID, material, Instant.EPOCH, true)))));
        return new Keys(fileId, postgresPassword, m, provisional);
    }

    /** Whether every key in {@code legacy} is in its ring here as the legacy key. */
    public boolean holds(Map<KeyPurpose, byte[]> legacy) {
        for (Map.Entry<KeyPurpose, byte[]> e : legacy.entrySet()) {
            boolean found = ring(e.getKey())
                    .legacy()
                    .map(v -> v.hasMaterial(e.getValue()))
                    .orElse(false);
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /**
     * These keys with a new random key in each ring of {@code purposes}, active from
     * {@code activeFrom}.
     *
     * @throws IllegalArgumentException when a purpose is not rotated, or a ring already holds a
     *                                  key that becomes active at or after {@code activeFrom}
     */
    public Keys rotate(Set<KeyPurpose> purposes, Instant activeFrom) {
        Map<KeyPurpose, KeyRing> m = new EnumMap<>(rings);
        for (KeyPurpose p : purposes) {
            if (!p.rotatable()) {
                throw new IllegalArgumentException("the " + p.wire() + " key is not rotated (see docs/operations.md)");
            }
            KeyRing r = rings.get(p);
            KeyVersion last = r.versions().get(r.versions().size() - 1);
            if (!last.activeFrom().isBefore(activeFrom)) {
                throw new IllegalArgumentException("key " + last.id() + " of " + p.wire() + " becomes active at "
                        + last.activeFrom() + ", not before " + activeFrom);
            }
            m.put(p, r.with(new KeyVersion(r.nextId(), randomKey(), activeFrom, false)));
        }
        return new Keys(fileId, postgresPassword, m, provisional);
    }

    /** These keys without key {@code id} of {@code purpose} (see {@link KeyRing#without}). */
    public Keys retire(KeyPurpose purpose, String id, Instant now) {
        Map<KeyPurpose, KeyRing> m = new EnumMap<>(rings);
        m.put(purpose, rings.get(purpose).without(id, now));
        return new Keys(fileId, postgresPassword, m, provisional);
    }

    /** The key ids per ring, for logs: {@code token-signing=0,1 station-secret=0 ...}. */
    public String summary() {
        StringJoiner j = new StringJoiner(" ");
        rings.forEach((p, r) -> j.add(p.wire() + "=" + r.ids()));
        return j.toString();
    }

    /** The file's JSON text. */
    public String toJson() {
        JsonObject keys = new JsonObject();
        rings.forEach((p, r) -> {
            JsonArray a = new JsonArray();
            for (KeyVersion v : r.versions()) {
                JsonObject k = new JsonObject()
                        .put("id", v.id())
                        .put("key", Base64.getEncoder().encodeToString(v.material()))
                        .put("activeFrom", v.activeFrom().toString());
                if (v.legacy()) {
                    k.put("legacy", true);
                }
                a.add(k);
            }
            keys.put(p.wire(), a);
        });
        JsonObject o = new JsonObject()
                .put("format", FORMAT)
                .put("fileId", fileId)
                .put("postgresPassword", postgresPassword)
                .put("keys", keys);
        if (provisional) {
            o.put("provisional", true);
        }
        return o.encodePrettily() + "\n";
    }

    /**
     * Reads a key file's JSON text.
     *
     * @param source names the file (or variable) in error messages
     * @throws IllegalArgumentException naming what is wrong, never showing a key
     */
    public static Keys fromJson(String json, String source) {
        JsonObject o;
        try {
            o = new JsonObject(json);
        } catch (DecodeException e) {
            // the parser's message may quote the text, keys included
            throw new IllegalArgumentException("unreadable key file " + source + ": not a JSON object");
        }
        try {
            Integer format = o.getInteger("format");
            if (format == null || format != FORMAT) {
                throw new IllegalArgumentException("format must be " + FORMAT + ", got " + format);
            }
            JsonObject keys = Objects.requireNonNull(o.getJsonObject("keys"), "keys");
            Map<KeyPurpose, KeyRing> rings = new EnumMap<>(KeyPurpose.class);
            for (String name : keys.fieldNames()) {
                KeyPurpose p = KeyPurpose.fromWire(name);
                JsonArray a = keys.getJsonArray(name);
                List<KeyVersion> versions = new java.util.ArrayList<>();
                for (int i = 0; i < a.size(); i++) {
                    JsonObject k = a.getJsonObject(i);
                    versions.add(new KeyVersion(
                            k.getString("id"),
                            Base64.getDecoder().decode(Objects.requireNonNull(k.getString("key"), "key")),
                            Instant.parse(k.getString("activeFrom", Instant.EPOCH.toString())),
                            k.getBoolean("legacy", false)));
                }
                rings.put(p, new KeyRing(p, versions));
            }
            return new Keys(
                    o.getString("fileId"), o.getString("postgresPassword"), rings, o.getBoolean("provisional", false));
        } catch (ClassCastException | NullPointerException | DateTimeParseException | IllegalArgumentException e) {
            // messages name fields and ids, never key material
            throw new IllegalArgumentException("unreadable key file " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the value of {@code BIKEGUARD_KEYS}: a key file's JSON, or base64 of it (as a
     * Kubernetes Secret or a CI variable may hold it).
     *
     * @throws IllegalArgumentException when it is neither, or the keys are invalid
     */
    public static Keys fromEnvironment(String value) {
        String v = value.trim();
        if (!v.startsWith("{")) {
            try {
                v = new String(Base64.getMimeDecoder().decode(v), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("BIKEGUARD_KEYS is neither a key file's JSON nor base64 of it");
            }
        }
        return fromJson(v, "BIKEGUARD_KEYS");
    }

    /** A new random key. */
    static byte[] randomKey() {
        byte[] k = new byte[KeyPurpose.KEY_BYTES];
        RANDOM.nextBytes(k);
        return k;
    }

    private static String randomFileId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String randomPassword() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Override
    public String toString() {
        return "Keys[fileId=" + fileId + ", " + summary() + (provisional ? ", provisional" : "") + "]";
    }
}
