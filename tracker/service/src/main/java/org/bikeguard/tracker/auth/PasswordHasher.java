package org.bikeguard.tracker.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes for people: PBKDF2-HMAC-SHA256 with a random 16-byte salt, stored as
 * {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}. Deliberately slow (hundreds of ms
 * at the default cost): call only from worker threads, never from an event loop. Station secrets
 * use a fast keyed digest instead (see the station registry). Immutable; thread-safe.
 */
public final class PasswordHasher {

    /** Default cost, about OWASP's 2021 advice for PBKDF2-HMAC-SHA256 scaled to our hardware. */
    public static final int DEFAULT_ITERATIONS = 210_000;
    /** Lowest cost accepted for new hashes. */
    public static final int MIN_ITERATIONS = 100_000;

    private static final String PREFIX = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;

    /** A hasher with {@link #DEFAULT_ITERATIONS}. */
    public PasswordHasher() {
        this(DEFAULT_ITERATIONS);
    }

    /** @param iterations PBKDF2 iterations for new hashes, at least {@link #MIN_ITERATIONS} */
    public PasswordHasher(int iterations) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be >= " + MIN_ITERATIONS + ", got " + iterations);
        }
        this.iterations = iterations;
    }

    /** Hashes {@code password} with a fresh salt. Blocking (CPU). */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] h = pbkdf2(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(h);
    }

    /**
     * Whether {@code password} matches {@code encoded} (constant-time comparison). A malformed
     * {@code encoded} never matches. Blocking (CPU).
     */
    public boolean verify(String password, String encoded) {
        String[] parts = encoded == null ? new String[0] : encoded.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        try {
            int iter = Integer.parseInt(parts[1]);
            if (iter < 1 || iter > 10_000_000) {
                return false;
            }
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, pbkdf2(password, salt, iter));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Burns the same time as a real check, so that unknown users cannot be told apart by timing. */
    public void dummyVerify(String password) {
        pbkdf2(password, new byte[SALT_BYTES], iterations);
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        char[] chars = (password == null ? "" : password).toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        } finally {
            spec.clearPassword();
            java.util.Arrays.fill(chars, '\0');
        }
    }
}
