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
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless bearer tokens: {@code v1.<payload>.<signature>}, where payload is the base64url JSON
 * {@code {"sub":username,"role":role,"exp":epochSeconds,"jti":id}} (jti: a random 128-bit id, base64url,
 * by which a token is revoked) and signature the base64url
 * HMAC-SHA256 of {@code v1.<payload>} under the {@code token-signing} server key. Every cluster
 * member shares the key through the database, so any member verifies any token. Tokens live
 * {@link #LIFETIME}; revocation is kept by id elsewhere ({@code TokenChecks}). Immutable; thread-safe;
 * non-blocking.
 */
public final class TokenService {

    /** How long a token is valid after issue. */
    public static final Duration LIFETIME = Duration.ofHours(12);

    private static final String VERSION = "v1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final Clock clock;

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
     * @param key   the signing key (at least 32 bytes)
     * @param clock the time source for issue and expiry
     */
    public TokenService(byte[] key, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("token key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.clock = clock;
    }

    /** Issues a token for the user, valid for {@link #LIFETIME} from the clock's now. */
    public String issue(String username, Role role) {
        return issue(username, role, clock.instant().plus(LIFETIME));
    }

    /** Issues a token expiring at {@code expiresAt} (tests use past instants). */
    public String issue(String username, Role role, Instant expiresAt) {
        byte[] jti = new byte[16];
        RANDOM.nextBytes(jti);
        JsonObject payload = new JsonObject()
                .put("sub", username)
                .put("role", role.wire())
                .put("exp", expiresAt.getEpochSecond())
                .put("jti", B64.encodeToString(jti));
        String body = VERSION + "." + B64.encodeToString(payload.encode().getBytes(StandardCharsets.UTF_8));
        return body + "." + B64.encodeToString(sign(body));
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
        int last = token.lastIndexOf('.');
        if (!token.startsWith(VERSION + ".") || last <= VERSION.length()) {
            throw new InvalidTokenException("malformed token");
        }
        String body = token.substring(0, last);
        byte[] sig;
        JsonObject payload;
        try {
            sig = B64D.decode(token.substring(last + 1));
            if (!MessageDigest.isEqual(sig, sign(body))) {
                throw new InvalidTokenException("token signature does not verify");
            }
            payload = new JsonObject(
                    new String(B64D.decode(body.substring(VERSION.length() + 1)), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | DecodeException e) {
            throw new InvalidTokenException("malformed token");
        }
        return claims(payload);
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

    private byte[] sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
