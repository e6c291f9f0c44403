package org.bikeguard.testkit;

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
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Headless Chromium driven over the Chrome DevTools Protocol (a WebSocket to the page target),
 * for the browser tests and the benchmarks alike, without Selenium. Starts {@value #CHROMIUM} with
 * a fresh profile and the flags that keep it offline and quiet; {@link #close()} kills it and
 * deletes the profile. Not thread-safe: one thread drives it (blocking calls, never on an event
 * loop).
 */
public final class CdpBrowser implements AutoCloseable {

    /** The browser binary (Debian package {@code chromium}). */
    public static final String CHROMIUM = "/usr/bin/chromium";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Duration commandTimeout;
    private final Process process;
    private final Path profile;
    private final WebSocketClient client;
    private final WebSocket ws;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, Promise<JsonObject>> pending = new ConcurrentHashMap<>();

    private CdpBrowser(Process process, Path profile, WebSocketClient client, WebSocket ws, Duration commandTimeout) {
        this.commandTimeout = commandTimeout;
        this.process = process;
        this.profile = profile;
        this.client = client;
        this.ws = ws;
        ws.textMessageHandler(t -> {
            JsonObject m = new JsonObject(t);
            Integer id = m.getInteger("id");
            Promise<JsonObject> p = id == null ? null : pending.remove(id);
            if (p != null) {
                if (m.containsKey("error")) {
                    p.fail(m.getJsonObject("error").encode());
                } else {
                    p.complete(m.getJsonObject("result", new JsonObject()));
                }
            }
        });
    }

    /** Whether the browser is installed here. */
    public static boolean available() {
        return Files.isExecutable(Path.of(CHROMIUM));
    }

    /** Starts the browser with a window of the given size and attaches to its first page; commands wait 30 s. */
    public static CdpBrowser start(Vertx vertx, int width, int height) throws IOException {
        return start(vertx, width, height, Duration.ofSeconds(30));
    }

    /**
     * Starts the browser with a window of the given size (CSS px) and attaches to its first page,
     * with the Page and Runtime domains enabled.
     *
     * @param vertx          the Vert.x instance whose WebSocket client talks to the browser
     * @param commandTimeout how long {@link #call} waits for one command's result
     */
    public static CdpBrowser start(Vertx vertx, int width, int height, Duration commandTimeout) throws IOException {
        Path profile = Files.createTempDirectory("bikeguard-chromium-");
        Process p = new ProcessBuilder(
                        CHROMIUM,
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-extensions",
                        "--mute-audio",
                        "--autoplay-policy=no-user-gesture-required",
                        "--remote-allow-origins=*",
                        "--remote-debugging-port=0",
                        "--user-data-dir=" + profile,
                        "--window-size=" + width + "," + height,
                        "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        try {
            int port = devToolsPort(p, profile);
            String pageWs = Poll.until(
                    Duration.ofSeconds(10), "chromium's page target", () -> pageTarget(port), Objects::nonNull);
            WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                    .setMaxFrameSize(64 * 1024 * 1024)
                    .setMaxMessageSize(256 * 1024 * 1024));
            WebSocket ws = client.connect(new WebSocketConnectOptions().setAbsoluteURI(pageWs))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join();
            CdpBrowser b = new CdpBrowser(p, profile, client, ws, commandTimeout);
            b.call("Page.enable", new JsonObject());
            b.call("Runtime.enable", new JsonObject());
            return b;
        } catch (IOException | RuntimeException | Error e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /** Waits (30 s) for the port Chromium writes to {@code DevToolsActivePort} in its profile. */
    private static int devToolsPort(Process p, Path profile) throws IOException {
        Path portFile = profile.resolve("DevToolsActivePort");
        try {
            Poll.until(Duration.ofSeconds(30), "chromium's DevToolsActivePort", () -> {
                if (!p.isAlive()) {
                    throw new AssertionError("chromium exited with " + p.exitValue());
                }
                return lines(portFile).size() >= 2;
            });
        } catch (AssertionError e) {
            throw new IOException(
                    "chromium did not start (" + e.getMessage() + "): "
                            + Files.readString(profile.resolve("chromium.log")),
                    e);
        }
        return Integer.parseInt(lines(portFile).get(0).trim());
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The WebSocket URL of the first page target, or null while there is none. */
    private static String pageTarget(int port) {
        try {
            String body = HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            for (Object o : new JsonArray(body)) {
                JsonObject t = (JsonObject) o;
                if ("page".equals(t.getString("type"))) {
                    return t.getString("webSocketDebuggerUrl");
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Sends a DevTools command and waits (the command timeout given at start) for its result. */
    public JsonObject call(String method, JsonObject params) {
        int id = ids.incrementAndGet();
        Promise<JsonObject> p = Promise.promise();
        pending.put(id, p);
        ws.writeTextMessage(new JsonObject()
                .put("id", id)
                .put("method", method)
                .put("params", params)
                .encode());
        return p.future()
                .toCompletionStage()
                .toCompletableFuture()
                .orTimeout(commandTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .join();
    }

    /**
     * Makes the pages loaded from now on run on {@code clock}: {@code Date.now()} and
     * {@code new Date()} read it (shifted by its offset from the system clock when called; it
     * keeps ticking), so that a console computing default windows from "now" sees the scenario's
     * time, as it sees the real time in production where the server's clock is the system's.
     */
    public void useClock(java.time.Clock clock) {
        long offset = clock.millis() - System.currentTimeMillis();
        String script = "(() => { const off = " + offset + "; const D = Date;"
                + " class ScenarioDate extends D { constructor(...a) { if (a.length === 0) { super(D.now() + off); }"
                + " else { super(...a); } } static now() { return D.now() + off; } }"
                + " window.Date = ScenarioDate; })();";
        call("Page.addScriptToEvaluateOnNewDocument", new JsonObject().put("source", script));
    }

    /** Navigates and waits (20 s) until the new document is complete. */
    public void navigate(String url) {
        call("Page.navigate", new JsonObject().put("url", url));
        waitFor(
                "document.readyState === 'complete' && location.href.startsWith('" + url.replace("'", "\\'") + "')",
                Duration.ofSeconds(20));
    }

    /** Evaluates a JavaScript expression (promises awaited) and returns its value (JSON types). */
    public Object eval(String expression) {
        JsonObject r = call(
                "Runtime.evaluate",
                new JsonObject()
                        .put("expression", expression)
                        .put("returnByValue", true)
                        .put("awaitPromise", true));
        if (r.containsKey("exceptionDetails")) {
            throw new IllegalStateException(
                    "script failed: " + r.getJsonObject("exceptionDetails").encode());
        }
        return r.getJsonObject("result").getValue("value");
    }

    /**
     * Polls ({@link Poll}) until the expression is truthy (a failing script counts as false); fails
     * after the timeout naming the expression and the page's address and state.
     */
    public void waitFor(String expression, Duration timeout) {
        try {
            Poll.until(timeout, expression, () -> Boolean.TRUE.equals(evalOrNull("!!(" + expression + ")")));
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage() + " [page: " + evalOrNull("location.href + ' ' + document.readyState") + "]", e);
        }
    }

    private Object evalOrNull(String expression) {
        try {
            return eval(expression);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Dispatches a left-button mouse event ({@code mousePressed}, {@code mouseMoved},
     * {@code mouseReleased}) at page coordinates (CSS px).
     */
    public void mouse(String type, double x, double y) {
        call(
                "Input.dispatchMouseEvent",
                new JsonObject()
                        .put("type", type)
                        .put("x", x)
                        .put("y", y)
                        .put("button", "left")
                        .put("buttons", "mouseReleased".equals(type) ? 0 : 1)
                        .put("clickCount", 1));
    }

    /** Saves a PNG screenshot of the page. */
    public void screenshot(Path file) throws IOException {
        String data = call("Page.captureScreenshot", new JsonObject().put("format", "png"))
                .getString("data");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(data));
    }

    @Override
    public void close() {
        try {
            ws.close();
            client.close();
        } catch (RuntimeException e) {
            // the browser is killed below anyway
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
            List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            for (Path f : all) {
                Files.deleteIfExists(f);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // a leftover temporary profile is harmless (Chromium's helper processes may still be
            // removing files while the walk runs)
        }
    }
}
