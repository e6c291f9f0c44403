package org.bikeguard.tracker.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One key of a ring. Immutable (the material is copied in and out); {@link #toString()} never
 * shows the material.
 *
 * @param id         the key id carried by every token and ciphertext made with it: 1 to 16 of
 *                   {@code A-Z a-z 0-9 . _ -}; rotation numbers them 1, 2, 3... and an imported
 *                   key is {@value #LEGACY_ID}
 * @param material   the secret, {@value KeyPurpose#KEY_BYTES} bytes
 * @param activeFrom when the key starts signing and encrypting (UTC); before it, it only verifies
 *                   and decrypts. The first keys of a file are active from the epoch
 * @param legacy     imported from the database's old {@code server_keys}: verifies tokens and
 *                   decrypts ciphertexts of the old formats, which carry no key id
 */
public record KeyVersion(String id, byte[] material, Instant activeFrom, boolean legacy) {

    /** The id given to a key imported from {@code server_keys}. */
    public static final String LEGACY_ID = "0";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,16}");

    public KeyVersion {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("key id must be 1-16 of A-Z a-z 0-9 . _ -, got '" + id + "'");
        }
        Objects.requireNonNull(material, "material");
        if (material.length != KeyPurpose.KEY_BYTES) {
            throw new IllegalArgumentException(
                    "key " + id + " must be " + KeyPurpose.KEY_BYTES + " bytes, got " + material.length);
        }
        material = material.clone();
        Objects.requireNonNull(activeFrom, "activeFrom");
    }

    /** A copy of the secret. */
    @Override
    public byte[] material() {
        return material.clone();
    }

    /** Whether this key's material is {@code other} (constant time). */
    public boolean hasMaterial(byte[] other) {
        return MessageDigest.isEqual(material, other);
    }

    /** The id as ASCII bytes (as written into ciphertexts and look-up hashes). */
    public byte[] idBytes() {
        return id.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyVersion k
                && k.id.equals(id)
                && MessageDigest.isEqual(k.material, material)
                && k.activeFrom.equals(activeFrom)
                && k.legacy == legacy;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, activeFrom, legacy);
    }

    @Override
    public String toString() {
        return "KeyVersion[id=" + id + ", activeFrom=" + activeFrom + (legacy ? ", legacy" : "") + "]";
    }
}
