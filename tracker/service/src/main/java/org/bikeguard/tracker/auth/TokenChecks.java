package org.bikeguard.tracker.auth;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bikeguard.common.web.ApiException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.UnauthenticatedException;
import org.bikeguard.common.web.UnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a bearer token may be used now: its signature and expiry ({@link TokenService}), then
 * its record ({@link IssuedTokens}): issued by a login and not revoked, its user still existing,
 * enabled and holding the token's role. The records are cached per token id for {@link #TTL} in
 * this member; a revocation or a change of a user drops the entries at once on this member and,
 * through the Hazelcast topic {@value #TOPIC}, on the others (should a message be lost, the TTL
 * bounds how long another member may still accept the token). Thread-safe; non-blocking (reads
 * of the database run on the {@link Blocking} given).
 */
public final class TokenChecks {

    /** How long a token's record is trusted without reading it again. */
    public static final Duration TTL = Duration.ofSeconds(5);
    /** The Hazelcast topic carrying {@code u:<username>} and {@code t:<jti>} invalidations. */
    public static final String TOPIC = "bikeguard.auth.invalidations";

    private static final Logger LOG = LoggerFactory.getLogger(TokenChecks.class);
    private static final int MAX_ENTRIES = 100_000;

    private record Cached(IssuedTokens.Record record, long loadedNanos) {}

    private final TokenService tokens;
    private final IssuedTokens issued;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final ITopic<String> topic;

    /** @param hz the cluster, for invalidations; {@code null}: this member only */
    public TokenChecks(TokenService tokens, IssuedTokens issued, HazelcastInstance hz) {
        this.tokens = tokens;
        this.issued = issued;
        this.topic = hz == null ? null : hz.getTopic(TOPIC);
        if (topic != null) {
            topic.addMessageListener(m -> drop(m.getMessageObject()));
        }
    }

    /** The token service (signature and expiry). */
    public TokenService tokens() {
        return tokens;
    }

    /**
     * The claims of {@code token} when it may be used now; fails with 401
     * ({@link UnauthenticatedException}, the message saying why) otherwise.
     *
     * @param pool where a database read runs on a cache miss
     */
    public Future<TokenService.Claims> authenticate(String token, Blocking pool) {
        TokenService.Claims c;
        try {
            c = tokens.verify(token);
        } catch (TokenService.InvalidTokenException e) {
            return Future.failedFuture(new UnauthenticatedException(e.getMessage()));
        }
        return check(c, pool).map(c);
    }

    /**
     * Checks the record of already verified claims (again); fails with 401
     * ({@link UnauthenticatedException}) when it may no longer be used, with 503
     * ({@link UnavailableException}) when the record cannot be read now.
     */
    public Future<Void> check(TokenService.Claims c, Blocking pool) {
        if (c.tokenId() == null) {
            return Future.failedFuture(
                    new UnauthenticatedException("token without id (issued by an older version); log in again"));
        }
        Cached hit = cache.get(c.tokenId());
        if (hit != null && System.nanoTime() - hit.loadedNanos() < TTL.toNanos()) {
            return verdict(c, hit.record());
        }
        return pool.run(() -> issued.lookup(c.tokenId()))
                .recover(e -> Future.failedFuture(
                        e instanceof ApiException
                                ? e
                                : UnavailableException.busy("cannot check the token now; retry shortly")))
                .compose(r -> {
                    if (cache.size() >= MAX_ENTRIES) {
                        cache.clear();
                    }
                    cache.put(c.tokenId(), new Cached(r, System.nanoTime()));
                    return verdict(c, r);
                });
    }

    private static Future<Void> verdict(TokenService.Claims c, IssuedTokens.Record r) {
        String why = null;
        if (!r.issued() || !c.username().equals(r.username())) {
            why = "token unknown (never issued, or purged); log in again";
        } else if (r.revokedAt() != null) {
            why = "token revoked (" + r.reason() + ")";
        } else if (r.currentRole() == null) {
            why = "the account no longer exists";
        } else if (r.disabled()) {
            why = "the account is disabled";
        } else if (r.currentRole() != c.role()) {
            why = "the account's role changed; log in again";
        }
        return why == null ? Future.succeededFuture() : Future.failedFuture(new UnauthenticatedException(why));
    }

    /** Forgets what this member cached about {@code username}'s tokens, here and on every member. */
    public void userChanged(String username) {
        publish("u:" + username);
    }

    /** Forgets what this member cached about one token, here and on every member. */
    public void tokenChanged(String jti) {
        publish("t:" + jti);
    }

    private void publish(String message) {
        drop(message);
        if (topic != null) {
            try {
                topic.publish(message);
            } catch (RuntimeException e) {
                LOG.warn(
                        "cannot tell the other members; they notice within {} s [error: {}]",
                        TTL.toSeconds(),
                        e.toString());
            }
        }
    }

    private void drop(String message) {
        if (message.startsWith("t:")) {
            cache.remove(message.substring(2));
        } else if (message.startsWith("u:")) {
            String user = message.substring(2);
            cache.values().removeIf(e -> user.equals(e.record().username()));
        }
    }
}
