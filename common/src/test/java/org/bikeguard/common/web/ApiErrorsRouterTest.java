package org.bikeguard.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The error contract through a real router on an ephemeral loopback port. */
class ApiErrorsRouterTest {

    private static final long LIMIT = 64;
    private static Vertx vertx;
    private static HttpClient client;
    private static int port;

    private record Resp(int status, String contentType, JsonObject json, String retryAfter) {}

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Router r = Router.router(vertx);
        r.route().handler(Routers.bodyHandler(LIMIT));
        r.get("/bug").handler(ctx -> {
            throw new IllegalArgumentException("a bug, not the caller's fault");
        });
        r.get("/limited").handler(ctx -> {
            throw new RateLimitedException("test.address", 42);
        });
        r.post("/echo").handler(ctx -> Responses.json(ctx, 200, Bodies.jsonObject(ctx)));
        r.get("/since")
                .handler(ctx -> Responses.json(
                        ctx,
                        200,
                        new JsonObject()
                                .put("since", Params.instant(ctx, "since").toString())));
        Routers.endWithErrors(r, ApiErrors.handler());
        port = vertx.createHttpServer()
                .requestHandler(r)
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .actualPort();
        client = vertx.createHttpClient();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Resp call(HttpMethod method, String uri, String contentType, Buffer body) throws Exception {
        RequestOptions o = new RequestOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                .setMethod(method)
                .setURI(uri);
        if (contentType != null) {
            o.putHeader("Content-Type", contentType);
        }
        return client.request(o)
                .compose(req -> (body == null ? req.send() : req.send(body)).compose(resp -> resp.body()
                        .map(b -> new Resp(
                                resp.statusCode(),
                                resp.getHeader("Content-Type"),
                                b.length() == 0 ? null : b.toJsonObject(),
                                resp.getHeader("Retry-After")))))
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void aBugIs500InternalWithAnIncidentIdInTheBody() throws Exception {
        Resp r = call(HttpMethod.GET, "/bug", null, null);
        assertEquals(500, r.status());
        assertEquals("application/json", r.contentType());
        assertEquals("internal", r.json().getString("code"));
        assertNotNull(r.json().getJsonObject("details").getString("incident"));
        assertTrue(!r.json().encode().contains("caller's fault"), r.json().encode());
    }

    @Test
    void badInputIs400OrTheMediaTypeIs415() throws Exception {
        assertEquals(
                "bad_request",
                call(HttpMethod.POST, "/echo", "application/json", Buffer.buffer("{"))
                        .json()
                        .getString("code"));
        Resp text = call(HttpMethod.POST, "/echo", "text/plain; charset=utf-8", Buffer.buffer("{}"));
        assertEquals(415, text.status());
        assertEquals(
                new JsonObject().put("contentType", "text/plain"), text.json().getJsonObject("details"));
        Resp since = call(HttpMethod.GET, "/since?since=yesterday", null, null);
        assertEquals(400, since.status());
        assertEquals("validation", since.json().getString("code"));
        assertEquals("since", since.json().getJsonObject("details").getString("field"));
        assertEquals(
                "2026-11-23T04:05:06Z",
                call(HttpMethod.GET, "/since?since=2026-11-23T12:05:06+08:00", null, null)
                        .json()
                        .getString("since"),
                "an unencoded + of the offset is understood");
    }

    @Test
    void statusesOfTheHttpStackGetTheSharedCodes() throws Exception {
        Resp big = call(HttpMethod.POST, "/echo", "application/json", Buffer.buffer(new byte[(int) LIMIT * 4]));
        assertEquals(413, big.status());
        assertEquals("payload_too_large", big.json().getString("code"));
        assertEquals(LIMIT, big.json().getJsonObject("details").getLong("limitBytes"));
        Resp none = call(HttpMethod.GET, "/nowhere", null, null);
        assertEquals(404, none.status());
        assertEquals("no route for GET /nowhere", none.json().getString("message"));
        Resp method = call(HttpMethod.DELETE, "/echo", null, null);
        assertEquals(405, method.status());
        assertEquals("method_not_allowed", method.json().getString("code"));
    }

    @Test
    void aRateLimitIs429WithRetryAfterInTheHeaderAndTheDetails() throws Exception {
        Resp r = call(HttpMethod.GET, "/limited", null, null);
        assertEquals(429, r.status());
        assertEquals("rate_limited", r.json().getString("code"));
        assertEquals("42", r.retryAfter());
        assertEquals(
                new JsonObject().put("limit", "test.address").put("retryAfterS", 42),
                r.json().getJsonObject("details"));
    }
}
