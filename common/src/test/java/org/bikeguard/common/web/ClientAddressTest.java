package org.bikeguard.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Address keys, and X-Forwarded-For believed only from trusted proxies, through a real router on loopback. */
class ClientAddressTest {

    private static Vertx vertx;
    private static HttpClient client;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        ClientAddress direct = ClientAddress.direct();
        ClientAddress behindProxy = new ClientAddress(List.of("127.0.0.1", "10.0.0.5"));
        Router r = Router.router(vertx);
        r.get("/direct").handler(ctx -> ctx.response().end(direct.of(ctx.request())));
        r.get("/proxied").handler(ctx -> ctx.response().end(behindProxy.of(ctx.request())));
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

    private static String get(String path, String forwardedFor) throws Exception {
        return client.request(new RequestOptions()
                        .setMethod(HttpMethod.GET)
                        .setHost("127.0.0.1")
                        .setPort(port)
                        .setURI(path))
                .compose(req -> {
                    if (forwardedFor != null) {
                        req.putHeader("X-Forwarded-For", forwardedFor);
                    }
                    return req.send().compose(resp -> resp.body());
                })
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .toString();
    }

    @Test
    void withoutTrustedProxiesTheTcpPeerIsTheClientWhateverTheHeaderSays() throws Exception {
        assertEquals("127.0.0.1", get("/direct", null));
        assertEquals("127.0.0.1", get("/direct", "198.51.100.1"));
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedForwardedAddressIsTheClient() throws Exception {
        assertEquals("198.51.100.1", get("/proxied", "198.51.100.1"));
        assertEquals(
                "198.51.100.1",
                get("/proxied", "6.6.6.6, 198.51.100.1, 10.0.0.5"),
                "what the client wrote itself (6.6.6.6) is not believed; the second proxy is skipped");
        assertEquals("127.0.0.1", get("/proxied", null), "no header: the proxy itself");
    }

    @Test
    void ipv4IsKeyedByTheAddress() {
        assertEquals("203.0.113.7", ClientAddress.key(" 203.0.113.7 "));
    }

    @Test
    void ipv6IsKeyedByItsSlash64() {
        assertEquals("2001:db8:1:2::/64", ClientAddress.key("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals("2001:db8:1:2::/64", ClientAddress.key("[2001:db8:1:2::9]"));
        assertEquals("0:0:0:0::/64", ClientAddress.key("::1"));
    }

    @Test
    void anIpv4MappedIpv6AddressIsTheIpv4Address() {
        assertEquals("203.0.113.7", ClientAddress.key("::ffff:203.0.113.7"));
    }

    @Test
    void aNameIsKeptAsGivenAndNeverLookedUp() {
        assertEquals("example.com", ClientAddress.key("example.com"));
    }
}
