package org.bikeguard.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tracker as a separate OS process (same classpath as the calling JVM, the Hazelcast JVM
 * flags, {@link ScenarioTrackerMain} as main class, configured by {@code env}), so that a
 * crash test can kill it with SIGKILL and start it again on the same database and ports. Each
 * start logs to {@code logDir/tracker-N.log}. Not thread-safe: one test thread drives it.
 */
public final class TrackerProcess implements AutoCloseable {

    private static final String HZ_FLAGS = "--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED "
            + "--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED "
            + "--add-opens java.management/sun.management=ALL-UNNAMED "
            + "--add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED";

    private final Map<String, String> env;
    private final Path logDir;
    private final Clock clock;
    private Process process;
    private int starts;

    /**
     * @param env    the tracker's environment (keys as in {@code README.md}; give fixed ports, see
     *               {@link FreePorts}, and the database URL, see {@link TestDatabase}); without
     *               {@code BIKEGUARD_KEYS_FILE}, the database's test key file ({@link TestKeys})
     * @param logDir where the logs of the starts go
     * @param clock  the scenario clock the tracker decides by (each start shifts the process's
     *              system clock by this clock's current offset from it; see {@link ScenarioTrackerMain})
     */
    public TrackerProcess(Map<String, String> env, Path logDir, Clock clock) {
        this.env = Map.copyOf(TestKeys.withKeyFile(env));
        this.logDir = logDir;
        this.clock = clock;
    }

    /** Starts the process and waits until {@code /health} answers 200. */
    public TrackerProcess start(int httpPort, Duration timeout) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.addAll(List.of(HZ_FLAGS.split(" ")));
        cmd.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        cmd.add("-Dhazelcast.phone.home.enabled=false");
        cmd.add("-D" + ScenarioTrackerMain.OFFSET_PROPERTY + "=" + (clock.millis() - System.currentTimeMillis()));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ScenarioTrackerMain.class.getName());
        Files.createDirectories(logDir);
        File log = logDir.resolve("tracker-" + (++starts) + ".log").toFile();
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log);
        pb.environment().putAll(env);
        process = pb.start();
        HttpTestClient http = new HttpTestClient(httpPort);
        Poll.until(timeout, "the tracker's /health (log: " + log + ")", () -> {
            if (!process.isAlive()) {
                throw new AssertionError("tracker exited with " + process.exitValue() + ", see " + log);
            }
            try {
                return http.get("/health").status() == 200;
            } catch (java.io.UncheckedIOException notYet) {
                return false;
            }
        });
        return this;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM and wait for a clean exit; returns the exit code. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("tracker did not stop within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
