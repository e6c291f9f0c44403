package org.bikeguard.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlagValuesTest {

    @Test
    void durationsAreIso8601OrANumberWithAUnitAndABareNumberIsSeconds() throws Exception {
        assertEquals(Duration.ofHours(2), FlagValues.duration("--d", "PT2H"));
        assertEquals(Duration.ofDays(1), FlagValues.duration("--d", "P1D"));
        assertEquals(Duration.ofMillis(500), FlagValues.duration("--d", "500ms"));
        assertEquals(Duration.ofMillis(1500), FlagValues.duration("--d", "1.5s"));
        assertEquals(Duration.ofMinutes(90), FlagValues.duration("--d", "90m"));
        assertEquals(Duration.ofMinutes(90), FlagValues.duration("--d", "1.5h"));
        assertEquals(Duration.ofSeconds(10), FlagValues.duration("--d", "10"));
        assertEquals(Duration.ZERO, FlagValues.duration("--d", "0s"));
    }

    @Test
    void durationBoundsAreChecked() {
        assertEquals(
                "--gap must be positive, got '0'",
                assertThrows(UsageException.class, () -> FlagValues.positiveDuration("--gap", "0"))
                        .getMessage());
        assertEquals(
                "--d must not be negative, got '-5s'",
                assertThrows(UsageException.class, () -> FlagValues.duration("--d", "-5s"))
                        .getMessage());
        assertThrows(UsageException.class, () -> FlagValues.duration("--d", "PT"));
        assertThrows(UsageException.class, () -> FlagValues.duration("--d", "s"));
    }

    @Test
    void integersMayGroupDigitsAndMustFitTheirRange() throws Exception {
        assertEquals(300_000, FlagValues.integer("--tags", "300_000", 1, Long.MAX_VALUE));
        assertEquals(3000, FlagValues.integer("--tags", "3,000", 1, Long.MAX_VALUE));
        assertEquals(
                "--qos must be in 0..1, got 2",
                assertThrows(UsageException.class, () -> FlagValues.integer("--qos", "2", 0, 1))
                        .getMessage());
        assertEquals(
                "--qos expects an integer, got '1.5'",
                assertThrows(UsageException.class, () -> FlagValues.integer("--qos", "1.5", 0, 1))
                        .getMessage());
    }

    @Test
    void numbersAreFiniteAndAtLeastTheMinimum() throws Exception {
        assertEquals(0.5, FlagValues.number("--speed", "0.5", 0.001));
        assertEquals(
                "--speed must be a number >= 0.001, got '0'",
                assertThrows(UsageException.class, () -> FlagValues.number("--speed", "0", 0.001))
                        .getMessage());
        assertEquals(
                "--size-km must be a number >= 1, got 'NaN'",
                assertThrows(UsageException.class, () -> FlagValues.number("--size-km", "NaN", 1))
                        .getMessage());
        assertEquals(
                "--speed expects a number, got 'fast'",
                assertThrows(UsageException.class, () -> FlagValues.number("--speed", "fast", 0))
                        .getMessage());
        assertThrows(UsageException.class, () -> FlagValues.number("--speed", "Infinity", 0));
    }

    @Test
    void hostPortSplitsAtTheLastColonAndChecksThePort() throws Exception {
        assertEquals(new HostPort("10.0.0.5", 1999), FlagValues.hostPort("--mqtt", "10.0.0.5:1999"));
        assertEquals(new HostPort("::1", 1883), FlagValues.hostPort("--mqtt", "::1:1883"));
        assertEquals(
                "--mqtt expects host:port, got ':1883'",
                assertThrows(UsageException.class, () -> FlagValues.hostPort("--mqtt", ":1883"))
                        .getMessage());
        assertEquals(
                "--mqtt port must be in 1..65535, got 0",
                assertThrows(UsageException.class, () -> FlagValues.hostPort("--mqtt", "h:0"))
                        .getMessage());
    }

    @Test
    void choicesMatchIgnoringCaseAndListTheAlternatives() throws Exception {
        assertEquals("json", FlagValues.oneOf("--format", "JSON", "binary", "json"));
        assertEquals(
                "--format expects binary or json, got 'xml'",
                assertThrows(UsageException.class, () -> FlagValues.oneOf("--format", "xml", "binary", "json"))
                        .getMessage());
        assertEquals(
                "--city expects small, hengyang or custom, got 'x'",
                assertThrows(UsageException.class, () -> FlagValues.oneOf("--city", "x", "small", "hengyang", "custom"))
                        .getMessage());
    }
}
