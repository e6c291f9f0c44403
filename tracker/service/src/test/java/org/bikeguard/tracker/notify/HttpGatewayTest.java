package org.bikeguard.tracker.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP adapters against a real local HTTP server standing in for the provider. */
class HttpGatewayTest {

    private HttpServer server;
    private final List<String[]> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            received.add(new String[] {
                new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                ex.getRequestHeaders().getFirst("Authorization"),
                ex.getRequestHeaders().getFirst("Idempotency-Key")
            });
            byte[] b = "{}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status.get(), b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/send");
    }

    private static Notice notice() {
        return new Notice(
                42,
                "13900001111",
                "violation",
                new JsonObject().put("plate", "湘D·10023").put("kind", "red_light"));
    }

    @Test
    void aWeChatTemplateMessageCarriesTheTemplateIdAndOneValuePerParameter() throws Exception {
        HttpGateway g = HttpGateway.wechat(url(), Optional.of("k-123"), "TPL-9", HttpClient.newHttpClient());
        g.send(notice());
        JsonObject body = new JsonObject(received.get(0)[0]);
        assertEquals("13900001111", body.getString("touser"));
        assertEquals("TPL-9", body.getString("template_id"));
        assertEquals(
                "湘D·10023", body.getJsonObject("data").getJsonObject("plate").getString("value"));
        assertEquals(
                "red_light", body.getJsonObject("data").getJsonObject("kind").getString("value"));
        assertEquals(
                "violation",
                body.getJsonObject("data").getJsonObject("template").getString("value"));
        assertEquals("Bearer k-123", received.get(0)[1]);
        assertEquals("bikeguard-notice-42", received.get(0)[2]);
    }

    @Test
    void anSmsCarriesPhoneTemplateAndParamsAndANon2xxIsAFailure() throws Exception {
        HttpGateway g = HttpGateway.sms(url(), Optional.empty(), "衡阳交警", HttpClient.newHttpClient());
        g.send(notice());
        JsonObject body = new JsonObject(received.get(0)[0]);
        assertEquals("13900001111", body.getString("phone"));
        assertEquals("衡阳交警", body.getString("sign"));
        assertEquals("red_light", body.getJsonObject("params").getString("kind"));
        status.set(500);
        NoticeGateway.GatewayException e = assertThrows(NoticeGateway.GatewayException.class, () -> g.send(notice()));
        assertTrue(e.getMessage().contains("500"), e.getMessage());
        server.stop(0);
        assertThrows(NoticeGateway.GatewayException.class, () -> g.send(notice()), "unreachable");
    }
}
