package org.bikeguard.claims.testsupport;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bikeguard.claims.ClaimsConfig;
import org.bikeguard.claims.ClaimsVerticle;
import org.bikeguard.common.web.ApiErrors;
import org.bikeguard.common.web.Responses;
import org.bikeguard.testkit.TestDatabase;

/**
 * A running claims module for integration tests, mounted the way the tracker mounts it: a fresh
 * PostgreSQL database in the config (as the tracker hands over its own), the
 * verticle with a {@link FakeTracker} and a {@link MutableClock}, and a host router whose stand-in
 * authentication turns {@code Authorization: Bearer username:role} into the principal.
 */
public final class ClaimsHarness implements AutoCloseable {

    public final Vertx vertx;
    public final FakeTracker tracker = new FakeTracker();
    public final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T04:00:00Z"));
    public final ClaimsVerticle verticle;
    private final HttpServer server;
    private final WebClient client;

    /** The Content-Security-Policy the tracker sends on every answer, put on every answer here too. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data: blob: https: http:; connect-src 'self'; font-src 'self';"
            + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** A response: status, JSON body (null when not JSON), the raw bytes, and the headers. */
    public record Resp(int status, JsonObject json, Buffer raw, String contentType, MultiMap headers) {}

    private ClaimsHarness() {
        vertx = Vertx.vertx();
        verticle = new ClaimsVerticle(
                ClaimsConfig.fromMap(Map.of("BIKEGUARD_DB_URL", TestDatabase.newDatabaseUrl())), tracker, clock);
        await(vertx.deployVerticle(verticle));
        Router root = Router.router(vertx);
        // the tracker's policy (SecurityHeaders.CSP): pages must run without inline script or style
        root.route().handler(ctx -> {
            ctx.response().putHeader("Content-Security-Policy", CSP);
            ctx.next();
        });
        root.route("/api/v1/*")
                .handler(SimpleAuthenticationHandler.create().authenticate(ctx -> {
                    String h = ctx.request().getHeader("Authorization");
                    if (h == null || !h.startsWith("Bearer ")) {
                        return Future.failedFuture(new HttpException(401));
                    }
                    String[] p = h.substring(7).split(":", 2);
                    return Future.succeededFuture(
                            User.create(new JsonObject().put("username", p[0]).put("role", p[1])));
                }))
                .failureHandler(ApiErrors.handler(Responses.JSON_UTF8));
        root.route("/*").subRouter(published());
        server = await(vertx.createHttpServer().requestHandler(root).listen(0));
        client = WebClient.create(vertx);
    }

    /** Starts everything; blocking. */
    public static ClaimsHarness start() {
        return new ClaimsHarness();
    }

    @SuppressWarnings("unchecked")
    private Router published() {
        Shareable s = (Shareable)
                vertx.sharedData().getLocalMap(ClaimsVerticle.ROUTERS_MAP).get(ClaimsVerticle.ROUTER_KEY);
        return ((Supplier<Router>) s).get();
    }

    /** Calls the API as {@code user} with {@code role} (both null: unauthenticated). */
    public Resp call(HttpMethod method, String path, String user, String role, Object body) {
        HttpRequest<Buffer> req = client.request(method, server.actualPort(), "localhost", path);
        if (user != null) {
            req.putHeader("Authorization", "Bearer " + user + ":" + role);
        }
        Future<HttpResponse<Buffer>> f;
        if (body instanceof JsonObject jo) {
            f = req.sendJsonObject(jo);
        } else if (body instanceof String s) {
            f = req.sendBuffer(Buffer.buffer(s));
        } else if (body instanceof byte[] b) {
            f = req.putHeader("Content-Type", "image/jpeg").sendBuffer(Buffer.buffer(b));
        } else {
            f = req.send();
        }
        HttpResponse<Buffer> r = await(f);
        JsonObject json = null;
        String ct = r.getHeader("Content-Type");
        if (ct != null && ct.startsWith("application/json") && r.body() != null) {
            json = r.bodyAsJsonObject();
        }
        return new Resp(r.statusCode(), json, r.body(), ct, r.headers());
    }

    public Resp get(String path, String user, String role) {
        return call(HttpMethod.GET, path, user, role, null);
    }

    /** The port the host router listens on (all interfaces). */
    public int port() {
        return server.actualPort();
    }

    public Resp post(String path, String user, String role, Object body) {
        return call(HttpMethod.POST, path, user, role, body);
    }

    /** Waits for a future from the test thread. */
    public static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        await(vertx.close());
    }
}
