package org.bikeguard.bench;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.Read;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.protocol.Topics;

/**
 * Alarm latency: from the PUBLISH of a frame holding a watched tag to the alarm arriving on a
 * police console WebSocket, against a running tracker (which may be ingesting background load
 * meanwhile). Sets up a police user, a probe station and {@code --tags} watched tags through the
 * admin API, then publishes {@code --probes} single-read frames at {@code --rate} per second,
 * cycling through the tags so that every probe starts a new sighting (one tag returns after
 * tags/rate seconds, which must exceed the sighting gap). Prints p50/p90/p99/max in ms.
 */
public final class AlarmLatencyBench {

    private AlarmLatencyBench() {}

    public static void main(String[] argv) {
        try {
            run(argv);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] argv) throws Exception {
        Args a = new Args(argv, "--api", "--mqtt", "--admin-password", "--probes", "--rate", "--tags");
        String api = a.value("--api", "http://127.0.0.1:8080");
        String[] mqtt = a.value("--mqtt", "127.0.0.1:1883").split(":");
        int probes = a.intValue("--probes", 300);
        int rate = a.intValue("--rate", 5);
        int tags = a.intValue("--tags", 200);
        String station = "ALARM-PROBE";
        String secret = "alarm-probe-secret-0123456789";

        BenchHttp admin = new BenchHttp(api)
                .login("admin", a.value("--admin-password", System.getenv("BIKEGUARD_ADMIN_PASSWORD")));
        admin.user("bench-police", "bench-police-password", "police");
        BenchHttp.Resp st = admin.send(
                "PUT",
                "/api/v1/stations/" + station,
                "application/json",
                new JsonObject()
                        .put("name", "alarm probe")
                        .put("kind", "street")
                        .put("lon", 112.6)
                        .put("lat", 26.9)
                        .put("radiusM", 60)
                        .put("secret", secret)
                        .encode());
        if (st.status() / 100 != 2) {
            throw new IllegalStateException("probe station: " + st.status() + " " + st.body());
        }
        long[] watched = new long[tags];
        for (int i = 0; i < tags; i++) {
            watched[i] = 0xA1A0000000L + i;
            BenchHttp.Resp w = admin.send(
                    "PUT",
                    "/api/v1/watchlist/" + TagIds.format(watched[i]),
                    "application/json",
                    "{\"caseNo\":\"BENCH\"}");
            if (w.status() != 200) {
                throw new IllegalStateException("watch: " + w.status() + " " + w.body());
            }
        }
        String police = new BenchHttp(api)
                .login("bench-police", "bench-police-password")
                .token();

        Vertx vertx = Vertx.vertx();
        Map<String, Long> sent = new ConcurrentHashMap<>();
        double[] latencies = new double[probes];
        double[] toRaise = new double[probes];
        AtomicInteger received = new AtomicInteger();
        java.net.URI u = java.net.URI.create(api);
        // keep the client referenced: Vert.x closes a client that is garbage-collected
        io.vertx.core.http.WebSocketClient wsClient = vertx.createWebSocketClient();
        WebSocket ws = wsClient.connect(new WebSocketConnectOptions()
                        .setHost(u.getHost())
                        .setPort(u.getPort())
                        .setURI("/api/v1/alerts/stream")
                        .addHeader("Authorization", "Bearer " + police))
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        ws.textMessageHandler(text -> {
            long now = System.nanoTime();
            JsonObject alarm = new JsonObject(text);
            if (!alarm.containsKey("id")) {
                return; // a control message ({"event":"ready"})
            }
            Long t0 = sent.remove(alarm.getString("tag"));
            if (t0 != null && "stolen".equals(alarm.getString("type"))) {
                int i = received.getAndIncrement();
                if (i < latencies.length) {
                    latencies[i] = (now - t0) / 1e6;
                    toRaise[i] = java.time.Instant.parse(alarm.getString("raisedAt"))
                                    .toEpochMilli()
                            - java.time.Instant.parse(alarm.getString("at")).toEpochMilli();
                }
            }
        });
        MqttClientOptions o =
                new MqttClientOptions().setUsername(station).setPassword(secret).setClientId(station);
        o.setMaxInflightQueue(1000);
        MqttClient client = MqttClient.create(vertx, o);
        client.connect(Integer.parseInt(mqtt[1]), mqtt[0])
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long seqBase = System.currentTimeMillis() * 1000;
        long start = System.nanoTime();
        for (int i = 0; i < probes; i++) {
            long due = start + i * period;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
                TimeUnit.MICROSECONDS.sleep(200);
            }
            long tag = watched[i % tags];
            long ts = System.currentTimeMillis();
            byte[] frame = FrameCodec.encodeBinary(
                    Frame.of(station, seqBase + i, java.util.List.of(new Read(tag, ts, -60, 1, 0))));
            sent.put(TagIds.format(tag), System.nanoTime());
            client.publish(Topics.readsTopic(station), Buffer.buffer(frame), MqttQoS.AT_LEAST_ONCE, false, false);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.get() < probes && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        int n = Math.min(received.get(), probes);
        double[] l = Arrays.copyOf(latencies, n);
        Arrays.sort(l);
        System.out.printf(
                Locale.ROOT,
                "alarm latency PUBLISH -> WebSocket: probes %d, received %d, p50 %.1f ms, p90 %.1f ms,"
                        + " p99 %.1f ms, max %.1f ms%n",
                probes,
                n,
                BenchHttp.percentile(l, 50),
                BenchHttp.percentile(l, 90),
                BenchHttp.percentile(l, 99),
                n == 0 ? Double.NaN : l[n - 1]);
        double[] r = Arrays.copyOf(toRaise, n);
        Arrays.sort(r);
        System.out.printf(
                Locale.ROOT,
                "  of which read time -> alarm raised (tracker clock, ms resolution): p50 %.0f ms, p99 %.0f ms%n",
                BenchHttp.percentile(r, 50),
                BenchHttp.percentile(r, 99));
        for (long t : watched) {
            admin.send("DELETE", "/api/v1/watchlist/" + TagIds.format(t), null, null);
        }
        client.disconnect();
        wsClient.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        System.exit(n == probes ? 0 : 1);
    }
}
