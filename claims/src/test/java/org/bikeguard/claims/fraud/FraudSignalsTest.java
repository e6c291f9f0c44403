package org.bikeguard.claims.fraud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.bikeguard.claims.payout.PayoutTable;
import org.bikeguard.claims.tracker.TrackerGateway.Sighting;
import org.bikeguard.claims.tracker.TrackerGateway.Station;
import org.junit.jupiter.api.Test;

class FraudSignalsTest {

    private static final FraudSignals RULES = FraudSignals.defaults();
    private static final Instant STOLEN = Instant.parse("2026-08-10T02:00:00Z");
    /** The owner reports it an hour later. */
    private static final Instant REPORTED = STOLEN.plusSeconds(3600);

    private static final Map<String, Station> STATIONS = Map.of(
            "HOME", new Station("HOME", "家附近", "street", 112.6000, 26.9000, 100),
            "NEAR", new Station("NEAR", "邻近路口", "intersection", 112.6020, 26.9000, 100),
            "FAR", new Station("FAR", "火车站", "street", 112.7000, 26.9500, 100),
            "PARK", new Station("PARK", "公园", "street", 112.6500, 26.9200, 100));

    private static Sighting s(String station, String first, String last) {
        return new Sighting(station, Instant.parse(first), Instant.parse(last), 5, -60, false);
    }

    private static TheftEvidence evidence(List<Sighting> sightings, String home) {
        return new TheftEvidence(
                true, STOLEN.minus(TheftEvidence.WINDOW), STOLEN.plus(TheftEvidence.WINDOW), sightings, STATIONS, home);
    }

    private static final List<Sighting> ROUTINE = List.of(s("FAR", "2026-08-10T00:00:00Z", "2026-08-10T01:30:00Z"));

    private static List<Signal> run(
            String policyStart, String purchase, TheftEvidence ev, Map<String, List<Long>> earlier) {
        return RULES.evaluate(new FraudSignals.Input(
                LocalDate.parse(policyStart),
                STOLEN,
                REPORTED,
                LocalDate.parse(purchase),
                PayoutTable.standard(),
                ev,
                earlier));
    }

    private static List<String> codes(List<Signal> signals) {
        return signals.stream().map(Signal::code).toList();
    }

    @Test
    void ordinaryTheftRaisesNoSignal() {
        assertEquals(List.of(), run("2026-01-01", "2025-10-01", evidence(ROUTINE, "HOME"), Map.of()));
    }

    @Test
    void theftSoonAfterThePolicyStartedIsSignalledWithTheDays() {
        List<Signal> out = run("2026-07-25", "2025-10-01", evidence(ROUTINE, null), Map.of());
        assertEquals(List.of("early-theft"), codes(out));
        assertEquals(16L, out.get(0).details().get("days"));
        assertTrue(out.get(0).reason().contains("16 days"));
        assertEquals(List.of(), codes(run("2026-07-11", "2025-10-01", evidence(ROUTINE, null), Map.of())));
    }

    @Test
    void tagSeenAfterTheReportAwayFromWhereItWasStolenIsSignalled() {
        List<Sighting> seen = List.of(ROUTINE.get(0), s("PARK", "2026-08-10T05:00:00Z", "2026-08-10T05:10:00Z"));
        List<Signal> out = run("2026-01-01", "2025-10-01", evidence(seen, "HOME"), Map.of());
        assertEquals(List.of("seen-after-theft"), codes(out));
        assertEquals("PARK", out.get(0).details().get("station"));
    }

    @Test
    void theThiefRidingItAwayBeforeTheReportIsNoSignal() {
        // stolen at FAR at 02:00, reported at 03:00: read at PARK at 02:30 on its way
        List<Sighting> ridden = List.of(ROUTINE.get(0), s("PARK", "2026-08-10T02:25:00Z", "2026-08-10T02:40:00Z"));
        assertEquals(List.of(), run("2026-01-01", "2025-10-01", evidence(ridden, "HOME"), Map.of()));
    }

    @Test
    void theTagHeardAgainWhereItWasStolenIsNoSignal() {
        List<Sighting> again = List.of(ROUTINE.get(0), s("FAR", "2026-08-10T05:00:00Z", "2026-08-10T05:10:00Z"));
        assertEquals(List.of(), run("2026-01-01", "2025-10-01", evidence(again, "HOME"), Map.of()));
    }

    @Test
    void tagSeenNearTheOwnersHomeAfterTheTheftIsTheStrongerSignal() {
        List<Sighting> home = List.of(ROUTINE.get(0), s("NEAR", "2026-08-11T12:00:00Z", "2026-08-11T13:00:00Z"));
        List<Signal> out = run("2026-01-01", "2025-10-01", evidence(home, "HOME"), Map.of());
        assertEquals(List.of("seen-near-home-after-theft"), codes(out));
        assertTrue(out.get(0).reason().contains("home"));
    }

    @Test
    void sightingEndingWithinTheGraceAfterTheTheftIsNotSignalled() {
        List<Sighting> leaving = List.of(s("FAR", "2026-08-10T01:50:00Z", "2026-08-10T02:10:00Z"));
        assertEquals(List.of(), run("2026-01-01", "2025-10-01", evidence(leaving, "HOME"), Map.of()));
    }

    @Test
    void tagSilentLongBeforeTheTheftIsSignalledWithTheDays() {
        List<Sighting> old = List.of(s("FAR", "2026-07-20T00:00:00Z", "2026-07-20T01:00:00Z"));
        List<Signal> out = run("2026-01-01", "2025-10-01", evidence(old, null), Map.of());
        assertEquals(List.of("silent-before-theft"), codes(out));
        assertEquals(21L, out.get(0).details().get("silentDays"));
        assertEquals(
                List.of("silent-before-theft"),
                codes(run("2026-01-01", "2025-10-01", evidence(List.of(), null), Map.of())));
    }

    @Test
    void missingEvidenceIsSignalledInsteadOfTheSightingChecks() {
        TheftEvidence none = TheftEvidence.unavailable(STOLEN.minus(TheftEvidence.WINDOW), STOLEN, null);
        List<Signal> out = run("2026-01-01", "2025-10-01", none, Map.of());
        assertEquals(List.of("evidence-unavailable"), codes(out));
        assertTrue(out.get(0).reason().contains("tracker"));
    }

    @Test
    void theftJustBeforeABracketChangingAnniversaryIsSignalled() {
        // bought 2025-08-20: first anniversary 2026-08-20, ten days after the theft
        List<Signal> out = run("2026-01-01", "2025-08-20", evidence(ROUTINE, null), Map.of());
        assertEquals(List.of("bracket-edge"), codes(out));
        assertEquals("2026-08-20", out.get(0).details().get("anniversary"));
        // 2023-08-20: third anniversary does not change the payout (500 from the second on)
        assertEquals(List.of(), codes(run("2026-01-01", "2023-08-20", evidence(ROUTINE, null), Map.of())));
        assertEquals(List.of(), codes(run("2026-01-01", "2025-09-10", evidence(ROUTINE, null), Map.of())));
    }

    @Test
    void repeatedClaimsBySamePersonIdNumberOrPhoneAreSignalled() {
        List<Signal> out = run(
                "2026-01-01",
                "2025-10-01",
                evidence(ROUTINE, null),
                Map.of("owner", List.of(), "id-number", List.of(7L), "phone", List.of(7L, 9L)));
        assertEquals(List.of("repeat-claims"), codes(out));
        assertEquals(List.of(7L, 9L), out.get(0).details().get("phone"));
        assertTrue(out.get(0).reason().contains("id-number"));
    }

    @Test
    void distanceIsRoughlyRight() {
        // 0.002 degrees of longitude at 26.9 N is about 198 m
        double m = FraudSignals.metres(26.9, 112.6, 26.9, 112.602);
        assertTrue(m > 190 && m < 205, "got " + m);
    }
}
