package org.bikeguard.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlagParserTest {

    private static final FlagParser SIM = FlagParser.builder("sim load")
            .options("--stations", "--rate", "--warmup", "--mqtt", "--api")
            .switches("--aggregated", "--raw")
            .help("--help", "-h")
            .usage("usage: sim load [flags]")
            .build();

    private static String error(FlagParser p, String... args) {
        return assertThrows(UsageException.class, () -> p.parse(args)).getMessage();
    }

    @Test
    void optionsTakeTheNextArgumentOrTheTextAfterTheEqualsSign() throws Exception {
        ParsedFlags f = SIM.parse("--stations", "500", "--rate=2_000", "--api", "--raw", "--aggregated");
        assertEquals(500, f.intValue("--stations", 1));
        assertEquals(2000.0, f.number("--rate", 0, 0));
        assertEquals("--raw", f.value("--api"), "an option's value is the next argument, whatever it looks like");
        assertTrue(f.has("--aggregated"));
        assertFalse(f.has("--raw"));
        assertFalse(f.helpRequested());
    }

    @Test
    void absentFlagsTakeTheirDefaultsUnchecked() throws Exception {
        ParsedFlags f = SIM.parse();
        assertEquals(5000, f.intValue("--stations", 5000, 1, 10));
        assertEquals(Duration.ofSeconds(10), f.duration("--warmup", Duration.ofSeconds(10)));
        assertEquals("dflt", f.value("--api", "dflt"));
        assertNull(f.value("--api"));
        assertNull(f.lastOf("--aggregated", "--raw"));
    }

    @Test
    void theLastOfTwoOpposingSwitchesAndTheLastOfARepeatedOptionWin() throws Exception {
        assertEquals("--raw", SIM.parse("--aggregated", "--raw").lastOf("--aggregated", "--raw"));
        assertEquals("--aggregated", SIM.parse("--raw", "--aggregated").lastOf("--aggregated", "--raw"));
        assertEquals(7, SIM.parse("--stations", "3", "--stations", "7").intValue("--stations", 0));
    }

    @Test
    void helpStopsParsingButEarlierErrorsCountFirst() throws Exception {
        assertTrue(SIM.parse("--stations", "3", "--help", "--bogus").helpRequested());
        assertTrue(SIM.parse("-h").helpRequested());
        assertEquals("unknown flag --bogus", error(SIM, "--bogus", "--help"));
        assertEquals("usage: sim load [flags]", SIM.usage());
    }

    @Test
    void commandLineErrorsNameTheFlag() {
        assertEquals("unknown flag --statoins", error(SIM, "--statoins", "10"));
        assertEquals("--stations needs a value", error(SIM, "--stations"));
        assertEquals("--aggregated takes no value", error(SIM, "--aggregated=yes"));
        assertEquals("--help takes no value", error(SIM, "--help=me"));
        assertEquals("unexpected argument 'stray'", error(SIM, "stray"));
        assertEquals("unknown flag -x", error(SIM, "-x"));
    }

    @Test
    void withoutAHelpNameAnUnknownFlagListsTheKnownOnesInDeclarationOrder() {
        FlagParser bench = FlagParser.builder("bench")
                .options("--seconds", "--batch", "--tags")
                .build();
        assertEquals("unknown flag --help (known: --seconds --batch --tags)", error(bench, "--help"));
        assertEquals("usage: bench [flags]\n  --seconds VALUE\n  --batch VALUE\n  --tags VALUE", bench.usage());
    }

    @Test
    void malformedValuesNameTheFlagAndQuoteTheValue() throws Exception {
        ParsedFlags f = SIM.parse("--stations", "many", "--rate", "-1", "--warmup", "soon", "--mqtt", "nohost");
        assertEquals(
                "--stations expects an integer, got 'many'",
                assertThrows(UsageException.class, () -> f.intValue("--stations", 1))
                        .getMessage());
        assertEquals(
                "--rate must be a number >= 0, got '-1'",
                assertThrows(UsageException.class, () -> f.number("--rate", 0, 0))
                        .getMessage());
        assertEquals(
                "--warmup expects a duration such as PT2H, 90m or 10s, got 'soon'",
                assertThrows(UsageException.class, () -> f.duration("--warmup", Duration.ZERO))
                        .getMessage());
        assertEquals(
                "--mqtt expects host:port, got 'nohost'",
                assertThrows(UsageException.class, () -> FlagValues.hostPort("--mqtt", f.value("--mqtt")))
                        .getMessage());
        assertEquals(
                "--stations must be in 1..10, got 11",
                assertThrows(UsageException.class, () -> SIM.parse("--stations", "11")
                                .intValue("--stations", 1, 1, 10))
                        .getMessage());
    }

    @Test
    void askingForAnUndeclaredFlagIsAProgrammingError() throws Exception {
        ParsedFlags f = SIM.parse();
        assertThrows(IllegalArgumentException.class, () -> f.value("--sations"));
        assertThrows(IllegalArgumentException.class, () -> f.has("--help"));
        assertThrows(
                IllegalArgumentException.class,
                () -> FlagParser.builder("x").options("--a").switches("--a"));
        assertThrows(
                IllegalArgumentException.class, () -> FlagParser.builder("x").options("a"));
    }
}
