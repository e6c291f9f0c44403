package org.bikeguard.claims.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.ShanghaiTime;
import org.bikeguard.claims.product.ProductKind;
import org.bikeguard.testkit.ScenarioDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PolicyRulesTest {

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    private static Policy policy(String start, LocalDate cancelledOn) {
        LocalDate s = d(start);
        return new Policy(
                1,
                ProductKind.ANTI_THEFT,
                1,
                "b1",
                "o1",
                s,
                Policy.endOf(s, 3),
                12_000,
                cancelledOn,
                "installer1",
                Instant.EPOCH);
    }

    @Test
    void todayIsTheShanghaiDateNotTheUtcDate() {
        // 2026-09-30T17:00Z is already 1 October in Shanghai
        Clock clock = Clock.fixed(Instant.parse("2026-09-30T17:00:00Z"), ZoneOffset.UTC);
        assertEquals(d("2026-10-01"), ShanghaiTime.today(clock));
    }

    @ParameterizedTest
    @EnumSource(ScenarioDate.class)
    void policyBoughtOnEachFixedDateStartsThatShanghaiDayAndCoversItsInstant(ScenarioDate d) {
        LocalDate today = ShanghaiTime.today(Clock.fixed(d.instant(), ZoneOffset.UTC));
        assertEquals(d.shanghaiDate(), today);
        assertEquals(today, PolicyRules.checkStart(null, today));
        assertThrows(ClaimsException.class, () -> PolicyRules.checkStart(today.minusDays(1), today));
        Policy p = policy(today.toString(), null);
        assertEquals(today.plusYears(3).minusDays(1), p.end());
        assertTrue(p.inForceAt(d.instant()));
        assertFalse(
                p.inForceAt(today.atStartOfDay(ShanghaiTime.ZONE).toInstant().minusSeconds(1)), d.name());
    }

    @Test
    void backdatedStartIsRejectedAndMissingStartMeansToday() {
        LocalDate today = d("2026-10-01");
        ClaimsException e = assertThrows(ClaimsException.class, () -> PolicyRules.checkStart(d("2026-09-30"), today));
        assertEquals(400, e.status());
        assertEquals(today, PolicyRules.checkStart(null, today));
        assertEquals(d("2026-10-05"), PolicyRules.checkStart(d("2026-10-05"), today));
    }

    @Test
    void threeYearTermEndsTheDayBeforeTheThirdAnniversary() {
        Policy p = policy("2026-10-01", null);
        assertEquals(d("2029-09-30"), p.end());
        assertTrue(p.inForceOn(d("2029-09-30")));
        assertFalse(p.inForceOn(d("2029-10-01")));
        assertFalse(p.inForceOn(d("2026-09-30")));
        assertEquals(1096, p.termDays());
    }

    @Test
    void inForceAtUsesTheShanghaiDateOfTheInstant() {
        Policy p = policy("2026-10-01", null);
        assertTrue(p.inForceAt(Instant.parse("2026-09-30T16:30:00Z")));
        assertFalse(p.inForceAt(Instant.parse("2026-09-30T15:30:00Z")));
    }

    @Test
    void cancellationStopsCoverAndRefundsTheUnusedDaysProRata() {
        Policy p = policy("2026-10-01", d("2027-10-01"));
        assertTrue(p.inForceOn(d("2027-09-30")));
        assertFalse(p.inForceOn(d("2027-10-01")));
        assertEquals("cancelled", p.statusOn(d("2027-10-01")));
        assertEquals(12_000L * 731 / 1096, PolicyRules.refundFen(policy("2026-10-01", null), d("2027-10-01")));
        assertEquals(12_000, PolicyRules.refundFen(policy("2026-10-01", null), d("2026-10-01")));
    }

    @Test
    void earnedPremiumIsProRataToTheDaysOfCoverInTheMonth() {
        Policy p = policy("2026-10-15", null);
        double oct = PolicyRules.earnedFen(p, d("2026-10-01"), d("2026-10-31"));
        assertEquals(12_000.0 * 17 / 1096, oct, 1e-9);
        assertEquals(0.0, PolicyRules.earnedFen(p, d("2026-09-01"), d("2026-09-30")));
    }
}
