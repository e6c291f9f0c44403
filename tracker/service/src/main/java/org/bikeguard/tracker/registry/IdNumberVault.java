package org.bikeguard.tracker.registry;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.bikeguard.tracker.auth.ServerKeys;

/**
 * Protected storage of ID numbers: AES-256-GCM encryption (random 96-bit nonce, 128-bit tag,
 * associated data {@value #AAD}) under the server key {@value #ENCRYPTION_KEY}, and a keyed
 * HMAC-SHA256 under {@value #LOOKUP_KEY} for equality look-ups and uniqueness. Stored ciphertext
 * is {@code version(1) || nonce(12) || ciphertext+tag}. The keys live in {@code server_keys}
 * (shared by every cluster member); a deployment that must keep them apart from the data should
 * put that table's keys in a key-management service. Immutable; thread-safe.
 */
public final class IdNumberVault {

    /** Name of the AES key in {@code server_keys}. */
    public static final String ENCRYPTION_KEY = "id-number-encryption";
    /** Name of the HMAC key in {@code server_keys}. */
    public static final String LOOKUP_KEY = "id-number-lookup";

    private static final String AAD = "bikeguard.owner.id_number";
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec aes;
    private final SecretKeySpec mac;

    /** @param aesKey 32 bytes; @param macKey at least 32 bytes */
    public IdNumberVault(byte[] aesKey, byte[] macKey) {
        if (aesKey.length != 32 || macKey.length < 32) {
            throw new IllegalArgumentException("keys must be 32 bytes");
        }
        this.aes = new SecretKeySpec(aesKey.clone(), "AES");
        this.mac = new SecretKeySpec(macKey.clone(), "HmacSHA256");
    }

    /** Loads (or creates) both keys. Blocking (JDBC): call from a worker. */
    public static IdNumberVault load(DataSource ds) {
        return new IdNumberVault(ServerKeys.getOrCreate(ds, ENCRYPTION_KEY), ServerKeys.getOrCreate(ds, LOOKUP_KEY));
    }

    /** Encrypts a canonical ID number. */
    public byte[] encrypt(String idNumber) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(AAD.getBytes(StandardCharsets.US_ASCII));
            byte[] ct = c.doFinal(idNumber.getBytes(StandardCharsets.US_ASCII));
            return ByteBuffer.allocate(1 + NONCE_BYTES + ct.length)
                    .put(VERSION)
                    .put(nonce)
                    .put(ct)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * Decrypts what {@link #encrypt} produced.
     *
     * @throws IllegalStateException when the data was altered or another key was used
     */
    public String decrypt(byte[] stored) {
        if (stored == null || stored.length < 1 + NONCE_BYTES + TAG_BITS / 8 || stored[0] != VERSION) {
            throw new IllegalStateException("unreadable protected ID number");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, aes, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
            c.updateAAD(AAD.getBytes(StandardCharsets.US_ASCII));
            byte[] pt = c.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
            return new String(pt, StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("protected ID number does not decrypt (altered, or another key)", e);
        }
    }

    /** The keyed look-up hash of a canonical ID number (HMAC-SHA256, 32 bytes). */
    public byte[] lookupHash(String idNumber) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(mac);
            return m.doFinal(idNumber.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
