package org.bikeguard.claims.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.AuthenticationHandler;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.tracker.TrackerClientOptions;
import org.bikeguard.common.web.ApiErrors;
import org.bikeguard.common.web.Responses;
import org.bikeguard.common.web.UnauthenticatedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer-token authentication for the standalone claims server: asks the tracker's
 * {@code GET /api/v1/auth/me} who a token belongs to ({@code {"username","role"}}) and caches the
 * answer per token for 60 seconds, then sets {@code ctx.user()} with that principal. Also proxies
 * {@code POST /api/v1/auth/token} to the tracker so the console can log in. Thread-safe.
 */
public final class TrackerTokenAuth {

    private static final Logger LOG = LoggerFactory.getLogger(TrackerTokenAuth.class);
    /** How long a token's identity is trusted without asking again. */
    public static final Duration TTL = Duration.ofSeconds(60);

    private static final int MAX_ENTRIES = 10_000;

    private final WebClient client;
    private final String base;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(JsonObject principal, Instant until) {}

    public TrackerTokenAuth(Vertx vertx, String trackerUrl, Clock clock) {
        this(vertx, trackerUrl, null, clock);
    }

    /** @param trackerCa PEM certificates trusted for the tracker's HTTPS, or null for the JVM's trust store */
    public TrackerTokenAuth(Vertx vertx, String trackerUrl, String trackerCa, Clock clock) {
        URI u = URI.create(trackerUrl);
        this.client = WebClient.create(vertx, TrackerClientOptions.of(trackerUrl, trackerCa));
        this.base = u.getPath() == null ? "" : u.getPath().replaceAll("/$", "");
        this.clock = clock;
    }

    /** The authentication handler: sets {@code ctx.user()} or fails the request with 401. */
    public AuthenticationHandler handler() {
        return SimpleAuthenticationHandler.create().authenticate(this::authenticate);
    }

    private Future<User> authenticate(RoutingContext ctx) {
        String h = ctx.request().getHeader("Authorization");
        if (h == null || h.length() < 8 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Future.failedFuture(new UnauthenticatedException("a bearer token is required"));
        }
        return whoIs(h.substring(7).trim()).map(User::create);
    }

    /** The principal of {@code token}, from the cache or the tracker. */
    public Future<JsonObject> whoIs(String token) {
        Instant now = clock.instant();
        Cached c = cache.get(token);
        if (c != null && c.until().isAfter(now)) {
            return Future.succeededFuture(c.principal());
        }
        return client.get(base + "/api/v1/auth/me")
                .bearerTokenAuthentication(token)
                .timeout(10_000)
                .send()
                .compose(r -> {
                    if (r.statusCode() == 401 || r.statusCode() == 403) {
                        cache.remove(token);
                        return Future.failedFuture(new UnauthenticatedException("invalid or expired token"));
                    }
                    if (r.statusCode() != 200) {
                        return Future.failedFuture(ClaimsException.upstream("the tracker answered " + r.statusCode()));
                    }
                    JsonObject me = r.bodyAsJsonObject();
                    JsonObject p = new JsonObject()
                            .put("username", me.getString("username"))
                            .put("role", me.getString("role"));
                    if (cache.size() > MAX_ENTRIES) {
                        cache.entrySet().removeIf(e -> !e.getValue().until().isAfter(now));
                    }
                    cache.put(token, new Cached(p, now.plus(TTL)));
                    LOG.debug(
                            "token checked with the tracker [user: {}, role: {}]",
                            p.getString("username"),
                            p.getString("role"));
                    return Future.succeededFuture(p);
                });
    }

    /** Route handler for {@code POST /api/v1/auth/token}: forwards the body and the answer. */
    public void proxyLogin(RoutingContext ctx) {
        client.post(base + "/api/v1/auth/token")
                .timeout(10_000)
                .putHeader("Content-Type", "application/json")
                .sendBuffer(ctx.body().buffer())
                .onSuccess(r -> ctx.response()
                        .setStatusCode(r.statusCode())
                        .putHeader("Content-Type", "application/json")
                        .end(r.bodyAsBuffer() == null ? io.vertx.core.buffer.Buffer.buffer() : r.bodyAsBuffer()))
                .onFailure(e -> ApiErrors.respond(
                        ctx, ClaimsException.upstream("the tracker is unreachable"), Responses.JSON_UTF8));
    }
}
