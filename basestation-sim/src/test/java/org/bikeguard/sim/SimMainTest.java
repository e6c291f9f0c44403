package org.bikeguard.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.bikeguard.common.cli.UsageException;
import org.bikeguard.sim.load.LoadOptions;
import org.junit.jupiter.api.Test;

class SimMainTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        return SimMain.run(
                args,
                new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownFlagIsAClearUsageError() {
        assertEquals(SimMain.EXIT_USAGE, run("load", "--statoins", "10"));
        assertTrue(err().contains("unknown flag --statoins"), err());
        assertEquals(SimMain.EXIT_USAGE, run("load", "--bogus"));
        assertTrue(err().contains("unknown flag --bogus"), err());
    }

    @Test
    void badValuesAreUsageErrors() {
        assertEquals(SimMain.EXIT_USAGE, run("load", "--qos", "2"));
        assertTrue(err().contains("--qos must be in 0..1"), err());
        assertEquals(SimMain.EXIT_USAGE, run("load", "--stations"));
        assertTrue(err().contains("--stations needs a value"), err());
        assertEquals(SimMain.EXIT_USAGE, run("load", "--mqtt", "nohost"));
        assertEquals(SimMain.EXIT_USAGE, run("load", "--format", "xml"));
        assertEquals(SimMain.EXIT_USAGE, run("load", "--warmup", "soon"));
        assertEquals(SimMain.EXIT_USAGE, run("load", "--entries", "1001"));
        assertEquals(SimMain.EXIT_USAGE, run("load", "--provision"));
        assertTrue(err().contains("--provision needs --api"), err());
        assertEquals(SimMain.EXIT_USAGE, run("load", "--aggregated=yes"));
        assertEquals(SimMain.EXIT_USAGE, run("frobnicate"));
    }

    @Test
    void helpAndCityMode() {
        assertEquals(SimMain.EXIT_OK, run("load", "--help"));
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("--connect-rate"));
        assertEquals(SimMain.EXIT_OK, run("city", "--help"));
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("--thefts"));
        assertEquals(SimMain.EXIT_OK, run("score", "--help"));
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("--truth"));
    }

    @Test
    void cityIsTheDefaultSubcommand() {
        assertEquals(SimMain.EXIT_USAGE, run("--city", "metropolis"));
        assertTrue(err().contains("--city expects small, hengyang or custom"), err());
        assertEquals(SimMain.EXIT_USAGE, run("--speed", "120", "--duration", "forever"));
        assertTrue(err().contains("endless run"), err());
        assertEquals(SimMain.EXIT_USAGE, run("score", "--truth", "t.jsonl"));
        assertTrue(err().contains("--api URL are required"), err());
    }

    @Test
    void parsesEveryFlag() throws Exception {
        LoadOptions o = LoadOptions.parse(
                "--mqtt",
                "10.0.0.5:1999",
                "--stations",
                "500",
                "--tags",
                "30_000",
                "--rate=200000",
                "--entries",
                "50",
                "--aggregated",
                "--qos",
                "0",
                "--format",
                "json",
                "--warmup",
                "PT20S",
                "--duration",
                "15s",
                "--station-prefix",
                "LT-",
                "--secret-seed",
                "abc",
                "--inflight",
                "4",
                "--api",
                "http://localhost:8080/",
                "--provision",
                "--connect-rate",
                "250",
                "--event-loops",
                "3");
        assertEquals("10.0.0.5", o.host());
        assertEquals(1999, o.port());
        assertEquals(500, o.stations());
        assertEquals(30_000, o.tags());
        assertEquals(200_000, o.rate());
        assertEquals(50, o.entries());
        assertTrue(o.aggregated());
        assertEquals(0, o.qos());
        assertTrue(o.json());
        assertEquals(Duration.ofSeconds(20), o.warmup());
        assertEquals(Duration.ofSeconds(15), o.duration());
        assertEquals("LT-0001", o.stationId(0));
        assertEquals("LT-0500", o.stationId(499));
        assertEquals("http://localhost:8080", o.api());
        assertTrue(o.provision());
        assertEquals(250, o.connectRate());
        assertEquals(3, o.eventLoops());
        assertNull(LoadOptions.parse("--stations", "3", "--help"));
    }

    @Test
    void defaultsMatchTheBenchProfile() throws Exception {
        LoadOptions o = LoadOptions.parse();
        assertEquals(5000, o.stations());
        assertEquals(300_000, o.tags());
        assertEquals(100, o.entries());
        assertEquals(1, o.qos());
        assertEquals("BENCH-0001", o.stationId(0));
        assertEquals("BENCH-5000", o.stationId(4999));
        assertThrows(
                UsageException.class, () -> LoadOptions.parse("--station-prefix", "A-VERY-LONG-PREFIX-THAT-BREAKS-"));
    }

    @Test
    void loadOverTlsTrustsTheGivenCa() throws Exception {
        LoadOptions plain = LoadOptions.parse();
        assertFalse(plain.tls());
        assertNull(plain.ca());
        LoadOptions o = LoadOptions.parse("--mqtt", "127.0.0.1:8883", "--tls", "--ca", "/etc/bikeguard/ca.crt");
        assertTrue(o.tls());
        assertEquals("/etc/bikeguard/ca.crt", o.ca());
        assertTrue(o.describe().endsWith(" --tls --ca /etc/bikeguard/ca.crt"), o.describe());
    }
}
