package org.bikeguard.tracker.registry;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bikeguard.tracker.keys.KeyPurpose;
import org.bikeguard.tracker.keys.KeyRing;
import org.bikeguard.tracker.keys.KeyVersion;

/**
 * Protected storage of ID numbers: AES-256-GCM encryption (random 96-bit nonce, 128-bit tag,
 * associated data {@value #AAD}) under the {@code id-number-encryption} key ring, and a keyed
 * HMAC-SHA256 under the {@code id-number-lookup} ring for equality look-ups and uniqueness. The
 * keys live in the key file, never in the database.
 *
 * <p>Stored forms, each naming its key so that keys rotate:
 *
 * <ul>
 *   <li>ciphertext {@code 2 || len(1) || keyId || nonce(12) || ciphertext+tag}; the older form
 *       {@code 1 || nonce(12) || ciphertext+tag} belongs to the ring's legacy key;
 *   <li>look-up hash {@code 2 || len(1) || keyId || HMAC(32)}; the older form is the bare 32-byte
 *       HMAC under the legacy key (its length tells it apart).
 * </ul>
 *
 * New values use each ring's current key, in the older forms while that is the legacy key (so
 * that members of the previous version read them during a rolling upgrade); a look-up asks for
 * the hash under every key of the ring, so rows not yet rewritten by {@link IdNumberReencryption}
 * are still found. Immutable (the
 * rings are read at each call); thread-safe.
 */
public final class IdNumberVault {

    private static final String AAD = "bikeguard.owner.id_number";
    private static final byte LEGACY_VERSION = 1;
    private static final byte VERSION = 2;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MAC_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Supplier<KeyRing> encryption;
    private final Supplier<KeyRing> lookup;
    private final Clock clock;

    /**
     * @param encryption the {@code id-number-encryption} ring as it is at each call
     * @param lookup     the {@code id-number-lookup} ring as it is at each call
     * @param clock      tells which key of a ring is current
     */
    public IdNumberVault(Supplier<KeyRing> encryption, Supplier<KeyRing> lookup, Clock clock) {
        this.encryption = Objects.requireNonNull(encryption, "encryption");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A vault of one key per ring, id {@code 1} (tests and tools). @param aesKey, macKey 32 bytes */
    public IdNumberVault(byte[] aesKey, byte[] macKey) {
        this(
                fixed(KeyRing.single(KeyPurpose.ID_NUMBER_ENCRYPTION, "1", aesKey)),
                fixed(KeyRing.single(KeyPurpose.ID_NUMBER_LOOKUP, "1", macKey)),
                Clock.systemUTC());
    }

    private static Supplier<KeyRing> fixed(KeyRing r) {
        return () -> r;
    }

    /** Encrypts a canonical ID number under the current encryption key. */
    public byte[] encrypt(String idNumber) {
        KeyVersion key = encryption.get().current(now());
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(key.material(), "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(AAD.getBytes(StandardCharsets.US_ASCII));
            byte[] ct = c.doFinal(idNumber.getBytes(StandardCharsets.US_ASCII));
            byte[] prefix = encryptionPrefix(key);
            return ByteBuffer.allocate(prefix.length + NONCE_BYTES + ct.length)
                    .put(prefix)
                    .put(nonce)
                    .put(ct)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * Decrypts what {@link #encrypt} produced, under the key it names.
     *
     * @throws IllegalStateException when the data was altered, or its key is not in the ring
     */
    public String decrypt(byte[] stored) {
        if (stored == null || stored.length < 1) {
            throw new IllegalStateException("unreadable protected ID number");
        }
        KeyVersion key;
        int offset;
        if (stored[0] == LEGACY_VERSION) {
            key = encryption
                    .get()
                    .legacy()
                    .orElseThrow(() ->
                            new IllegalStateException("protected ID number of the old format, and no legacy key"));
            offset = 1;
        } else if (stored[0] == VERSION && stored.length > 2) {
            int len = stored[1] & 0xff;
            if (stored.length < 2 + len) {
                throw new IllegalStateException("unreadable protected ID number");
            }
            String id = new String(stored, 2, len, StandardCharsets.US_ASCII);
            key = encryption
                    .get()
                    .find(id)
                    .orElseThrow(() -> new IllegalStateException("protected ID number under unknown key " + id));
            offset = 2 + len;
        } else {
            throw new IllegalStateException("unreadable protected ID number");
        }
        if (stored.length < offset + NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("unreadable protected ID number");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(key.material(), "AES"),
                    new GCMParameterSpec(TAG_BITS, stored, offset, NONCE_BYTES));
            c.updateAAD(AAD.getBytes(StandardCharsets.US_ASCII));
            byte[] pt = c.doFinal(stored, offset + NONCE_BYTES, stored.length - offset - NONCE_BYTES);
            return new String(pt, StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("protected ID number does not decrypt (altered, or another key)", e);
        }
    }

    /** The stored look-up hash of a canonical ID number under the current look-up key. */
    public byte[] lookupHash(String idNumber) {
        return lookupHash(lookup.get().current(now()), idNumber);
    }

    /**
     * The stored look-up hashes of a canonical ID number under every key of the look-up ring,
     * the current key's first: a row carries one of them, whether rewritten since a rotation or not.
     */
    public List<byte[]> lookupHashes(String idNumber) {
        KeyRing ring = lookup.get();
        KeyVersion current = ring.current(now());
        List<byte[]> out = new ArrayList<>();
        out.add(lookupHash(current, idNumber));
        for (KeyVersion v : ring.versions()) {
            if (!v.id().equals(current.id())) {
                out.add(lookupHash(v, idNumber));
            }
        }
        return out;
    }

    /** Whether {@code storedCiphertext} is under the current encryption key. */
    public boolean encryptedUnderCurrentKey(byte[] storedCiphertext) {
        byte[] p = currentEncryptionPrefix();
        return storedCiphertext.length > p.length && Arrays.equals(storedCiphertext, 0, p.length, p, 0, p.length);
    }

    /** Whether {@code storedHash} is under the current look-up key. */
    public boolean hashedUnderCurrentKey(byte[] storedHash) {
        byte[] p = currentLookupPrefix();
        return storedHash.length == p.length + MAC_BYTES && Arrays.equals(storedHash, 0, p.length, p, 0, p.length);
    }

    /** What every ciphertext under the current encryption key starts with. */
    public byte[] currentEncryptionPrefix() {
        return encryptionPrefix(encryption.get().current(now()));
    }

    /** The legacy key writes the old form (version 1, no key id), which the previous version reads. */
    private static byte[] encryptionPrefix(KeyVersion key) {
        return key.legacy() ? new byte[] {LEGACY_VERSION} : prefix(key);
    }

    /** What every look-up hash under the current look-up key starts with (its length is this plus 32). */
    public byte[] currentLookupPrefix() {
        KeyVersion key = lookup.get().current(now());
        return key.legacy() ? new byte[0] : prefix(key);
    }

    /** The ids of the current encryption and look-up keys, for logs ({@code 2/2}). */
    public String currentKeyIds() {
        return encryption.get().current(now()).id() + "/"
                + lookup.get().current(now()).id();
    }

    private static byte[] lookupHash(KeyVersion key, String idNumber) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key.material(), "HmacSHA256"));
            byte[] mac = m.doFinal(idNumber.getBytes(StandardCharsets.US_ASCII));
            if (key.legacy()) {
                return mac;
            }
            byte[] prefix = prefix(key);
            return ByteBuffer.allocate(prefix.length + mac.length)
                    .put(prefix)
                    .put(mac)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] prefix(KeyVersion key) {
        byte[] id = key.idBytes();
        return ByteBuffer.allocate(2 + id.length)
                .put(VERSION)
                .put((byte) id.length)
                .put(id)
                .array();
    }

    private Instant now() {
        return clock.instant();
    }
}
