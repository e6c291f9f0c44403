package org.bikeguard.tracker.keys;

import java.util.Locale;

/**
 * What a key ring is for; the wire name is the ring's name in the key file (and was the key's
 * name in the old {@code server_keys} table). Every key is 256 random bits.
 */
public enum KeyPurpose {
    /** HMAC-SHA256 over bearer tokens. */
    TOKEN_SIGNING("token-signing", true),
    /**
     * HMAC-SHA256 digests of station secrets. Not rotated: a digest cannot be recomputed without
     * the secret, so a new key would lock every station out; see {@code docs/operations.md}.
     */
    STATION_SECRET("station-secret", false),
    /** AES-256-GCM over ID numbers. */
    ID_NUMBER_ENCRYPTION("id-number-encryption", true),
    /** HMAC-SHA256 of ID numbers for equality look-ups (recomputed by the re-encryption job). */
    ID_NUMBER_LOOKUP("id-number-lookup", true);

    /** Length of every key, in bytes. */
    public static final int KEY_BYTES = 32;

    private final String wire;
    private final boolean rotatable;

    KeyPurpose(String wire, boolean rotatable) {
        this.wire = wire;
        this.rotatable = rotatable;
    }

    /** The ring's name in the key file. */
    public String wire() {
        return wire;
    }

    /** Whether {@code bikeguard keys rotate} may add a key to this ring. */
    public boolean rotatable() {
        return rotatable;
    }

    /**
     * The purpose named {@code wire}.
     *
     * @throws IllegalArgumentException naming the known purposes
     */
    public static KeyPurpose fromWire(String wire) {
        String w = wire == null ? "" : wire.trim().toLowerCase(Locale.ROOT);
        for (KeyPurpose p : values()) {
            if (p.wire.equals(w)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown key purpose '" + wire
                + "' (token-signing, station-secret, id-number-encryption, id-number-lookup)");
    }
}
