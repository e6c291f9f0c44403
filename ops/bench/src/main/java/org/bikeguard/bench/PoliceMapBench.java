package org.bikeguard.bench;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.Read;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.protocol.Topics;
import org.bikeguard.testkit.CdpBrowser;
import org.bikeguard.tracker.app.TrackerApp;
import org.bikeguard.tracker.config.ConfigLoader;

/**
 * The police console under load in headless Chromium: a tracker in this JVM with {@code --stations}
 * stations (a grid ~300 m apart), a police console logged in, {@code --alarms} live stolen alarms
 * raised over real MQTT (watched tags heard at 100 stations), then a scripted mouse-drag pan
 * across the map while the page records the interval between animation frames. Prints the
 * median and p95 frame time in ms (target: median ≤ 33 ms).
 */
public final class PoliceMapBench {

    private PoliceMapBench() {}

    public static void main(String[] argv) {
        try {
            run(argv);
            System.exit(0);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] argv) throws Exception {
        Args a = new Args(argv, "--stations", "--alarms", "--data-dir", "--steps", "--city", "--screenshot");
        int stations = a.intValue("--stations", 4334);
        int alarms = a.intValue("--alarms", 1000);
        int steps = a.intValue("--steps", 240);
        Path data = Path.of(
                a.value("--data-dir", Files.createTempDirectory("bench-map").toString()));
        Map<String, String> env = new HashMap<>();
        env.put("HOME", data.toString());
        env.put("BIKEGUARD_DATA_DIR", data.toString());
        // the key file lies outside the data directory (TrackerConfig refuses it inside)
        env.put("BIKEGUARD_KEYS_FILE", data + ".keys");
        env.put("BIKEGUARD_HTTP_PORT", "0");
        env.put("BIKEGUARD_MQTT_PORT", "0");
        env.put("BIKEGUARD_BIND_HOST", "127.0.0.1");
        env.put("BIKEGUARD_SIM", "off");
        env.put("BIKEGUARD_ADMIN_PASSWORD", "bench-admin-password");
        env.put("BIKEGUARD_HZ_PORT", "0"); // an ephemeral port: runs never collide
        env.put("BIKEGUARD_EXTRA_VERTICLES", "");
        TrackerApp app = TrackerApp.start(ConfigLoader.fromMap(env));
        Vertx vertx = Vertx.vertx();
        try (CdpBrowser b = CdpBrowser.start(vertx, 1366, 768, Duration.ofSeconds(120))) {
            String base = "http://127.0.0.1:" + app.httpPort();
            BenchHttp admin = new BenchHttp(base).login("admin", "bench-admin-password");
            admin.user("map-police", "map-police-password", "police");
            int cols = (int) Math.ceil(Math.sqrt(stations));
            String csv;
            if (a.value("--city", null) != null) {
                // a city exported by `ops/sim city --export DIR`: its stations and base map
                Path city = Path.of(a.value("--city", null));
                csv = Files.readString(city.resolve("stations.csv"));
                Files.copy(city.resolve("basemap.geojson"), data.resolve("basemap.geojson"));
            } else {
                StringBuilder sb = new StringBuilder("id,name,kind,lon,lat,radiusM,secret\n");
                for (int i = 0; i < stations; i++) {
                    sb.append(String.format(
                            Locale.ROOT,
                            "HY-%04d,s%d,street,%.6f,%.6f,80,bench-map-secret-%d%n",
                            i + 1,
                            i,
                            112.50 + 0.003 * (i % cols),
                            26.80 + 0.003 * (i / cols),
                            i));
                }
                csv = sb.toString();
            }
            List<String[]> ids = idsAndSecrets(csv);
            stations = ids.size();
            BenchHttp.Resp imp = admin.send("POST", "/api/v1/stations/import", "text/csv", csv);
            if (imp.status() != 200) {
                throw new IllegalStateException("import: " + imp.status() + " " + imp.body());
            }
            b.call("Page.navigate", new io.vertx.core.json.JsonObject().put("url", base + "/police/"));
            b.waitFor(
                    "document.readyState === 'complete' && document.getElementById('login-go')",
                    Duration.ofSeconds(30));
            b.eval("document.getElementById('alarm-sound').checked = false;"
                    + "document.getElementById('login-user').value = 'map-police';"
                    + "document.getElementById('login-pass').value = 'map-police-password';"
                    + "document.getElementById('login-go').click(); true");
            b.waitFor("window.BG && BG.ready && BG.alarms.ws && BG.alarms.ws.readyState === 1", Duration.ofSeconds(60));
            raiseAlarms(admin, app, vertx, alarms, ids);
            b.waitFor("BG.alarms.list.length >= " + alarms, Duration.ofSeconds(180));
            b.eval("document.getElementById('alarm-sound').checked = false; BG.alarms.pathLayer.clearLayers();"
                    + " BG.map.closePopup(); const c = L.latLngBounds(BG.stations.stations.map(s => [s.lat, s.lon])).getCenter();"
                    + " BG.map.setView(c, 14, {animate: false}); true");
            Thread.sleep(1000);
            b.eval("window.__frames = []; window.__last = performance.now(); window.__on = true;"
                    + " (function f(t) { if (!window.__on) return; window.__frames.push(t - window.__last); window.__last = t;"
                    + " requestAnimationFrame(f); })(performance.now()); true");
            double x = 400;
            double y = 380;
            b.mouse("mousePressed", x, y);
            for (int i = 0; i < steps; i++) {
                x += (i / 60) % 2 == 0 ? 6 : -6;
                y += (i / 40) % 2 == 0 ? 3 : -3;
                b.mouse("mouseMoved", x, y);
                Thread.sleep(16);
            }
            b.mouse("mouseReleased", x, y);
            Thread.sleep(500);
            JsonArray frames = (JsonArray) b.eval("window.__on = false; window.__frames.slice(2)");
            double[] f = new double[frames.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = frames.getDouble(i);
            }
            Arrays.sort(f);
            Object clusters = b.eval("BG.stations.clusters(BG.map.getZoom()).length");
            if (a.value("--screenshot", null) != null) {
                String png = b.call("Page.captureScreenshot", new io.vertx.core.json.JsonObject().put("format", "png"))
                        .getString("data");
                Files.write(
                        Path.of(a.value("--screenshot", null)),
                        java.util.Base64.getDecoder().decode(png));
            }
            Object drawMs = b.eval("BG.stations.lastDrawMs");
            System.out.printf(
                    Locale.ROOT,
                    "map pan in headless Chromium: %d stations (%s clusters drawn at zoom 14), %s alarms on the"
                            + " map, %d frames: median %.1f ms, p95 %.1f ms, max %.1f ms; station layer redraw %.1f ms%n",
                    stations,
                    clusters,
                    b.eval("BG.alarms.list.length"),
                    f.length,
                    BenchHttp.percentile(f, 50),
                    BenchHttp.percentile(f, 95),
                    f.length == 0 ? Double.NaN : f[f.length - 1],
                    ((Number) drawMs).doubleValue());
        } finally {
            vertx.close();
            app.close();
        }
    }

    /** (id, secret) of every station in an import CSV whose header names the columns id and secret. */
    private static List<String[]> idsAndSecrets(String csv) {
        List<String[]> out = new ArrayList<>();
        String[] lines = csv.split("\r?\n");
        List<String> header = fields(lines[0]);
        int id = header.indexOf("id");
        int secret = header.indexOf("secret");
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                List<String> f = fields(lines[i]);
                out.add(new String[] {f.get(id), f.get(secret)});
            }
        }
        return out;
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cur.append('"');
                i++;
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** Watches the tags and publishes frames so that 10 tags are heard at each of 100 stations. */
    private static void raiseAlarms(BenchHttp admin, TrackerApp app, Vertx vertx, int alarms, List<String[]> ids)
            throws Exception {
        int stations = ids.size();
        for (int i = 0; i < alarms; i++) {
            admin.send(
                    "PUT",
                    "/api/v1/watchlist/" + TagIds.format(0xB00000L + i),
                    "application/json",
                    "{\"caseNo\":\"MAP\"}");
        }
        int perStation = 10;
        int n = (alarms + perStation - 1) / perStation;
        for (int s = 0; s < n; s++) {
            int idx = (int) ((long) s * stations / n);
            String id = ids.get(idx)[0];
            MqttClientOptions o = new MqttClientOptions()
                    .setUsername(id)
                    .setPassword(ids.get(idx)[1])
                    .setClientId(id);
            MqttClient c = MqttClient.create(vertx, o);
            c.connect(app.mqttPort(), "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            List<Read> reads = new ArrayList<>();
            long now = System.currentTimeMillis();
            for (int k = 0; k < perStation && s * perStation + k < alarms; k++) {
                reads.add(new Read(0xB00000L + s * perStation + k, now, -60, 1, 0));
            }
            c.publish(
                            Topics.readsTopic(id),
                            Buffer.buffer(FrameCodec.encodeBinary(Frame.of(id, now * 1000 + s, reads))),
                            MqttQoS.AT_LEAST_ONCE,
                            false,
                            false)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            c.disconnect();
        }
    }
}
