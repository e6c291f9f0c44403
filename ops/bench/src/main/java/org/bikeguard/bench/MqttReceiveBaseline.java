package org.bikeguard.bench;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.FrameDecodeException;
import org.bikeguard.protocol.Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Baseline: the fastest a bare Vert.x MQTT server on this machine receives base-station
 * frames. It accepts any credentials, decodes every payload fully with {@link FrameCodec}
 * (what the tracker must do at least), counts frames, entries and raw reads, and PUBACKs
 * QoS 1 publishes at once (vertx-mqtt does not auto-ack: {@code publishAcknowledge}). No
 * storage, no correlation: the ceiling for the tracker's ingest path.
 *
 * <pre>
 * java -cp ... org.bikeguard.bench.MqttReceiveBaseline [--port 1883] [--instances N]
 *      [--seconds S]
 * </pre>
 *
 * Runs {@code --instances} server verticles (default: one per core) sharing the port,
 * prints the receive rate every {@value #REPORT_S} s and, when stopped (SIGTERM or after
 * {@code --seconds}), a {@code RESULT {json}} line with the rates between the first and the
 * last frame. Counters are {@link LongAdder}s shared by the event loops (thread-safe).
 */
public final class MqttReceiveBaseline {
    private static final Logger LOG = LoggerFactory.getLogger(MqttReceiveBaseline.class);
    private static final int REPORT_S = 5;

    private static final LongAdder FRAMES = new LongAdder();
    private static final LongAdder ENTRIES = new LongAdder();
    private static final LongAdder COUNTS = new LongAdder();
    private static final LongAdder BAD = new LongAdder();
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();
    private static volatile long firstFrameNanos;
    private static volatile long lastFrameNanos;

    private MqttReceiveBaseline() {}

    /** Entry point; see the class comment for flags. */
    public static void main(String[] args) throws Exception {
        Args a = new Args(args, "--port", "--instances", "--seconds");
        int port = a.intValue("--port", 1883);
        int instances = a.intValue("--instances", Runtime.getRuntime().availableProcessors());
        long seconds = a.intValue("--seconds", 0);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(instances));
        vertx.deployVerticle(() -> new Receiver(port), new DeploymentOptions().setInstances(instances))
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        System.out.printf(Locale.ROOT, "mqtt-baseline: listening on %d with %d instances%n", port, instances);
        System.out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop.countDown();
                            try {
                                done.await(5, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "mqtt-baseline-shutdown"));
        report(stop, seconds);
        printResult();
        done.countDown();
        vertx.close();
    }

    private static void report(CountDownLatch stop, long seconds) throws InterruptedException {
        long end = seconds > 0 ? System.nanoTime() + seconds * 1_000_000_000L : Long.MAX_VALUE;
        long lastNanos = System.nanoTime();
        long lastFrames = 0;
        long lastEntries = 0;
        while (!stop.await(REPORT_S, TimeUnit.SECONDS) && System.nanoTime() < end) {
            long now = System.nanoTime();
            long f = FRAMES.sum();
            long e = ENTRIES.sum();
            double s = (now - lastNanos) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "mqtt-baseline: %,.0f frames/s %,.0f entries/s" + " | total %d frames, %d bad | %d connections%n",
                    (f - lastFrames) / s,
                    (e - lastEntries) / s,
                    f,
                    BAD.sum(),
                    CONNECTIONS.get());
            System.out.flush();
            lastNanos = now;
            lastFrames = f;
            lastEntries = e;
        }
    }

    private static void printResult() {
        double s = Math.max(1e-9, (lastFrameNanos - firstFrameNanos) / 1e9);
        System.out.printf(
                Locale.ROOT,
                "RESULT {\"frames\":%d,\"entries\":%d,\"counts\":%d,"
                        + "\"badFrames\":%d,\"seconds\":%.3f,\"framesPerSec\":%.1f,"
                        + "\"entriesPerSec\":%.1f}%n",
                FRAMES.sum(),
                ENTRIES.sum(),
                COUNTS.sum(),
                BAD.sum(),
                s,
                FRAMES.sum() / s,
                ENTRIES.sum() / s);
        System.out.flush();
    }

    /** One server instance; Vert.x spreads connections over the instances sharing the port. */
    private static final class Receiver extends VerticleBase {
        private final int port;

        Receiver(int port) {
            this.port = port;
        }

        @Override
        public Future<?> start() {
            MqttServerOptions opts = new MqttServerOptions()
                    .setPort(port)
                    .setHost("0.0.0.0")
                    .setMaxMessageSize(Limits.MAX_FRAME_BYTES + 1024);
            MqttServer server = MqttServer.create(vertx, opts);
            server.endpointHandler(ep -> {
                CONNECTIONS.incrementAndGet();
                ep.closeHandler(v -> CONNECTIONS.decrementAndGet());
                ep.publishHandler(msg -> {
                    count(msg.payload().getBytes());
                    if (msg.qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                        ep.publishAcknowledge(msg.messageId());
                    }
                });
                ep.accept(false);
            });
            server.exceptionHandler(e -> LOG.debug("server: {}", e.toString()));
            return server.listen();
        }

        private static void count(byte[] payload) {
            long now = System.nanoTime();
            if (firstFrameNanos == 0) {
                firstFrameNanos = now;
            }
            lastFrameNanos = now;
            try {
                Frame f = FrameCodec.decode(payload);
                FRAMES.increment();
                ENTRIES.add(f.size());
                COUNTS.add(f.totalCount());
            } catch (FrameDecodeException e) {
                BAD.increment();
            }
        }
    }
}
