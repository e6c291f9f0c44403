package org.bikeguard.bench;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Headless Chromium ({@code /usr/bin/chromium}) over the DevTools protocol for the map benchmark:
 * a fresh profile, offline flags, one page target. Not thread-safe.
 */
final class BenchBrowser implements AutoCloseable {

    private final Process process;
    private final Path profile;
    private final WebSocketClient client;
    private final WebSocket ws;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, Promise<JsonObject>> pending = new ConcurrentHashMap<>();

    private BenchBrowser(Process process, Path profile, WebSocketClient client, WebSocket ws) {
        this.process = process;
        this.profile = profile;
        this.client = client;
        this.ws = ws;
        ws.textMessageHandler(t -> {
            JsonObject m = new JsonObject(t);
            Promise<JsonObject> p = m.getInteger("id") == null ? null : pending.remove(m.getInteger("id"));
            if (p != null) {
                if (m.containsKey("error")) {
                    p.fail(m.getJsonObject("error").encode());
                } else {
                    p.complete(m.getJsonObject("result", new JsonObject()));
                }
            }
        });
    }

    static BenchBrowser start(Vertx vertx, int width, int height) throws Exception {
        Path profile = Files.createTempDirectory("bench-chromium-");
        Process p = new ProcessBuilder("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--mute-audio", "--remote-allow-origins=*", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (System.nanoTime() > deadline || !p.isAlive()) {
                p.destroyForcibly();
                throw new IOException("chromium did not start");
            }
            Thread.sleep(50);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        String target = null;
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 100 && target == null; i++) {
            for (Object o : new JsonArray(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body())) {
                if ("page".equals(((JsonObject) o).getString("type"))) {
                    target = ((JsonObject) o).getString("webSocketDebuggerUrl");
                }
            }
            Thread.sleep(100);
        }
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(64 * 1024 * 1024)
                .setMaxFrameSize(16 * 1024 * 1024));
        WebSocket ws = client.connect(new WebSocketConnectOptions().setAbsoluteURI(target)).toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new BenchBrowser(p, profile, client, ws);
    }

    JsonObject call(String method, JsonObject params) {
        int id = ids.incrementAndGet();
        Promise<JsonObject> p = Promise.promise();
        pending.put(id, p);
        ws.writeTextMessage(new JsonObject().put("id", id).put("method", method).put("params", params).encode());
        return p.future().toCompletionStage().toCompletableFuture().orTimeout(120, TimeUnit.SECONDS).join();
    }

    Object eval(String expression) {
        JsonObject r = call("Runtime.evaluate", new JsonObject().put("expression", expression).put("returnByValue", true)
                .put("awaitPromise", true));
        if (r.containsKey("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + r.getJsonObject("exceptionDetails").encode());
        }
        return r.getJsonObject("result").getValue("value");
    }

    void waitFor(String expression, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Boolean.TRUE.equals(safeEval("!!(" + expression + ")"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + expression);
            }
            Thread.sleep(100);
        }
    }

    private Object safeEval(String e) {
        try {
            return eval(e);
        } catch (RuntimeException ex) {
            return false;
        }
    }

    /** A mouse event at container coordinates (CSS px). */
    void mouse(String type, double x, double y) {
        call("Input.dispatchMouseEvent", new JsonObject().put("type", type).put("x", x).put("y", y).put("button", "left")
                .put("buttons", "mouseReleased".equals(type) ? 0 : 1).put("clickCount", 1));
    }

    @Override
    public void close() {
        try {
            ws.close();
            client.close();
        } catch (RuntimeException e) {
            // killed below anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
