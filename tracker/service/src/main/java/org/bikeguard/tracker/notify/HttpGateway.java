package org.bikeguard.tracker.notify;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * SMS and WeChat template messages: one JSON POST per notice to a configured endpoint (the SMS
 * provider, or the city's official-account relay that holds the WeChat access token and resolves
 * the owner's account from the phone number). A 2xx answer is delivery; anything else, a timeout
 * (10 s) or an I/O error is a {@link GatewayException}. The notice id goes in
 * {@code Idempotency-Key} so a provider can drop a repeat after a lost answer. Thread-safe.
 */
public final class HttpGateway implements NoticeGateway {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final URI url;
    private final Optional<String> apiKey;
    private final HttpClient http;
    private final Function<Notice, JsonObject> body;

    private HttpGateway(
            String name, URI url, Optional<String> apiKey, HttpClient http, Function<Notice, JsonObject> body) {
        this.name = name;
        this.url = url;
        this.apiKey = apiKey;
        this.http = http;
        this.body = body;
    }

    /** SMS: {@code {"phone","sign","template","params"}}. */
    public static HttpGateway sms(URI url, Optional<String> apiKey, String sign, HttpClient http) {
        return new HttpGateway("sms", url, apiKey, http, n -> new JsonObject()
                .put("phone", n.recipient())
                .put("sign", sign)
                .put("template", n.template())
                .put("params", n.params()));
    }

    /**
     * WeChat template message as the official-account API takes it: {@code {"touser","template_id",
     * "data":{key:{"value"}}}} (one key per parameter, and {@code template}: which message), with
     * {@code touser} the phone number for the relay to resolve.
     */
    public static HttpGateway wechat(URI url, Optional<String> apiKey, String templateId, HttpClient http) {
        return new HttpGateway("wechat", url, apiKey, http, n -> {
            JsonObject data = new JsonObject();
            n.params().forEach(e -> data.put(e.getKey(), new JsonObject().put("value", String.valueOf(e.getValue()))));
            // which message this is; after the params so that none can hide it
            data.put("template", new JsonObject().put("value", n.template()));
            return new JsonObject()
                    .put("touser", n.recipient())
                    .put("template_id", templateId)
                    .put("data", data);
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Notice n) throws GatewayException {
        HttpRequest.Builder req = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", "bikeguard-notice-" + n.id())
                .POST(HttpRequest.BodyPublishers.ofString(body.apply(n).encode(), StandardCharsets.UTF_8));
        apiKey.ifPresent(k -> req.header("Authorization", "Bearer " + k));
        HttpResponse<String> res;
        try {
            res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GatewayException(name + " gateway unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException(name + " gateway call interrupted", e);
        }
        if (res.statusCode() / 100 != 2) {
            String b = res.body() == null ? "" : res.body();
            throw new GatewayException(
                    name + " gateway answered " + res.statusCode() + ": " + b.substring(0, Math.min(200, b.length())));
        }
    }
}
