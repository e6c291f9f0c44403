package org.bikeguard.tracker.auth;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bikeguard.tracker.keys.KeyPurpose;
import org.bikeguard.tracker.keys.KeyRing;
import org.bikeguard.tracker.keys.KeyVersion;

/**
 * Stateless bearer tokens: {@code v2.<payload>.<signature>}, where payload is the base64url JSON
 * {@code {"sub":username,"role":role,"exp":epochSeconds,"jti":id,"kid":keyId}} (jti: a random
 * 128-bit id, base64url, by which a token is revoked: {@code TokenChecks}) and signature the base64url
 * HMAC-SHA256 of {@code v2.<payload>} under key {@code kid} of the {@code token-signing} key
 * ring. The ring's current key signs; every key of the ring verifies the tokens that name it, so a
 * rotation invalidates no token. The earlier format {@code v1.<payload>.<signature>} (no key id)
 * belongs to the ring's legacy key, the one imported from the database: such tokens verify only
 * under it, and while it is the current key it signs in that format, so that members of the
 * previous version accept them during a rolling upgrade. Every cluster member has the same key file, so any member
 * verifies any token. Tokens live {@link #LIFETIME}; revocation is kept by id elsewhere ({@code TokenChecks}). Immutable (the
 * ring is read at each call); thread-safe; non-blocking.
 */
public final class TokenService {

    /** How long a token is valid after issue, by default ({@code BIKEGUARD_TOKEN_LIFETIME_S}). */
    public static final Duration LIFETIME = Duration.ofHours(12);

    private static final String VERSION = "v2";
    private static final String LEGACY_VERSION = "v1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Supplier<KeyRing> ring;
    private final Clock clock;
    private final Duration lifetime;

    /**
     * The claims of a valid token; {@code expiresAt} is UTC; {@code tokenId} is the {@code jti}
     * claim, {@code null} in a token issued before tokens had ids.
     */
    public record Claims(String username, Role role, Instant expiresAt, String tokenId) {}

    /** A token that is malformed, forged or expired; the message says which, for the 401 answer. */
    public static final class InvalidTokenException extends Exception {
        public InvalidTokenException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param ring  the {@code token-signing} key ring as it is at each call (it follows rotations)
     * @param clock the time source for issue, expiry and which key is current
     */
    public TokenService(Supplier<KeyRing> ring, Clock clock) {
        this(ring, clock, LIFETIME);
    }

    /** @param lifetime how long a token issued by {@link #issue(String, Role)} is valid */
    public TokenService(Supplier<KeyRing> ring, Clock clock, Duration lifetime) {
        this.ring = Objects.requireNonNull(ring, "ring");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    }

    /** A service with one signing key, id {@code 1} (tests and tools). */
    public TokenService(byte[] key, Clock clock) {
        this(fixed(KeyRing.single(KeyPurpose.TOKEN_SIGNING, "1", key)), clock);
    }

    private static Supplier<KeyRing> fixed(KeyRing r) {
        return () -> r;
    }

    /** Issues a token for the user, valid for the lifetime ({@link #LIFETIME} unless given) from the clock's now. */
    public String issue(String username, Role role) {
        return issue(username, role, clock.instant().plus(lifetime));
    }

    /** Issues a token expiring at {@code expiresAt} (tests use past instants), signed by the current key. */
    public String issue(String username, Role role, Instant expiresAt) {
        KeyVersion key = ring.get().current(clock.instant());
        byte[] jti = new byte[16];
        RANDOM.nextBytes(jti);
        JsonObject payload = new JsonObject()
                .put("sub", username)
                .put("role", role.wire())
                .put("exp", expiresAt.getEpochSecond())
                .put("jti", B64.encodeToString(jti));
        // the imported key signs in the old format, which members of the previous version verify
        // during a rolling upgrade; a rotated key in the new one
        String version = key.legacy() ? LEGACY_VERSION : VERSION;
        if (!key.legacy()) {
            payload.put("kid", key.id());
        }
        String body = version + "." + B64.encodeToString(payload.encode().getBytes(StandardCharsets.UTF_8));
        return body + "." + B64.encodeToString(sign(key, body));
    }

    /**
     * Checks signature and expiry and returns the claims.
     *
     * @throws InvalidTokenException when the token is malformed, forged or expired
     */
    public Claims verify(String token) throws InvalidTokenException {
        if (token == null || token.length() > 4096) {
            throw new InvalidTokenException("malformed token");
        }
        int first = token.indexOf('.');
        int last = token.lastIndexOf('.');
        if (first <= 0 || last <= first + 1) {
            throw new InvalidTokenException("malformed token");
        }
        String version = token.substring(0, first);
        String body = token.substring(0, last);
        try {
            byte[] sig = B64D.decode(token.substring(last + 1));
            // the payload is read before the signature is checked only to learn the key id
            JsonObject payload =
                    new JsonObject(new String(B64D.decode(body.substring(first + 1)), StandardCharsets.UTF_8));
            KeyVersion key =
                    switch (version) {
                        case VERSION ->
                            ring.get()
                                    .find(payload.getString("kid"))
                                    .orElseThrow(() -> new InvalidTokenException("token signed with an unknown key"));
                        case LEGACY_VERSION ->
                            ring.get()
                                    .legacy()
                                    .orElseThrow(
                                            () -> new InvalidTokenException("token format v1 is no longer accepted"));
                        default -> throw new InvalidTokenException("malformed token");
                    };
            if (!MessageDigest.isEqual(sig, sign(key, body))) {
                throw new InvalidTokenException("token signature does not verify");
            }
            return claims(payload);
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            throw new InvalidTokenException("malformed token");
        }
    }

    private Claims claims(JsonObject payload) throws InvalidTokenException {
        try {
            String sub = payload.getString("sub");
            Role role = Role.fromWire(payload.getString("role"));
            Long exp = payload.getLong("exp");
            if (sub == null || exp == null) {
                throw new InvalidTokenException("malformed token");
            }
            Instant expiresAt = Instant.ofEpochSecond(exp);
            if (!clock.instant().isBefore(expiresAt)) {
                throw new InvalidTokenException("token expired at " + expiresAt);
            }
            return new Claims(sub, role, expiresAt, payload.getString("jti"));
        } catch (ClassCastException | IllegalArgumentException e) {
            throw new InvalidTokenException("malformed token");
        }
    }

    private static byte[] sign(KeyVersion key, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.material(), "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
