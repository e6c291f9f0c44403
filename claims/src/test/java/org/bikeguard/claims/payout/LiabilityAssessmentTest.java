package org.bikeguard.claims.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.bikeguard.claims.payout.LiabilityAssessment.Item;
import org.bikeguard.claims.payout.LiabilityAssessment.Result;
import org.junit.jupiter.api.Test;

class LiabilityAssessmentTest {

    private static final LiabilityLimits LIMITS = LiabilityLimits.standard();

    @Test
    void damageWithinEveryLimitIsPaidInFull() {
        Result r = LiabilityAssessment.apply(
                List.of(new Item("medical", "A", 350_000), new Item("property", null, 120_000)), LIMITS);
        assertEquals(470_000, r.totalPayableFen());
        assertNull(r.lines().get(0).limitedBy());
    }

    @Test
    void medicalIsCappedPerPersonNotPerAccident() {
        Result r = LiabilityAssessment.apply(
                List.of(
                        new Item("medical", "A", 1_500_000),
                        new Item("medical", "B", 800_000),
                        new Item("medical", "A", 100_000)),
                LIMITS);
        assertEquals(1_000_000, r.lines().get(0).payableFen());
        assertEquals("per-person", r.lines().get(0).limitedBy());
        assertEquals(800_000, r.lines().get(1).payableFen());
        assertEquals(0, r.lines().get(2).payableFen());
        assertEquals(1_800_000, r.totalPayableFen());
    }

    @Test
    void propertyIsCappedPerAccident() {
        Result r = LiabilityAssessment.apply(
                List.of(new Item("property", null, 300_000), new Item("property", null, 300_000)), LIMITS);
        assertEquals(500_000, r.totalPayableFen());
        assertEquals("property", r.lines().get(1).limitedBy());
    }

    @Test
    void totalLimitCutsPropertyBeforePersonalInjury() {
        Result r = LiabilityAssessment.apply(
                List.of(
                        new Item("property", null, 500_000),
                        new Item("death-disability", "A", 10_000_000),
                        new Item("medical", "A", 1_000_000),
                        new Item("medical", "B", 1_000_000)),
                LIMITS);
        assertEquals(12_000_000, r.totalPayableFen());
        assertEquals(0, r.lines().get(0).payableFen());
        assertEquals("total", r.lines().get(0).limitedBy());
        assertEquals(10_000_000, r.lines().get(1).payableFen());
        assertEquals(12_500_000, r.totalAssessedFen());
    }

    @Test
    void perPersonHeadWithoutAPersonIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Item("medical", " ", 1));
        assertThrows(IllegalArgumentException.class, () -> new Item("car", null, 1));
    }

    @Test
    void theFaultShareIsTakenOfTheDamageRoundedHalfUpToTheFen() {
        assertEquals(70_000, LiabilityAssessment.share(100_000, 70));
        assertEquals(34, LiabilityAssessment.share(67, 50), "33.5 fen rounds up");
        assertEquals(0, LiabilityAssessment.share(100_000, 0));
        assertEquals(100_000, LiabilityAssessment.share(100_000, 100));
        assertThrows(IllegalArgumentException.class, () -> LiabilityAssessment.share(100, 101));
        assertThrows(IllegalArgumentException.class, () -> LiabilityAssessment.share(-1, 50));
    }

    @Test
    void theFaultShareIsTakenOfEachDamageBeforeThePerPersonLimit() {
        // two medical damages of 10,000 yuan for one person at 70 %: 14,000 assessed, 10,000 payable
        Result r = LiabilityAssessment.assess(
                List.of(
                        new LiabilityAssessment.Damage("medical", "11010519491231002X", "张三", 1_000_000),
                        new LiabilityAssessment.Damage("medical", "11010519491231002X", "张三", 1_000_000),
                        new LiabilityAssessment.Damage("property", null, null, 100_000)),
                70,
                LIMITS);
        assertEquals(70, r.faultSharePercent());
        assertEquals(700_000, r.lines().get(0).item().assessedFen());
        assertEquals(1_000_000, r.lines().get(0).damage().damageFen());
        assertEquals(300_000, r.lines().get(1).payableFen());
        assertEquals("per-person", r.lines().get(1).limitedBy());
        assertEquals(1_070_000, r.totalPayableFen());
        assertEquals(1_470_000, r.totalAssessedFen());
        assertThrows(IllegalArgumentException.class, () -> LiabilityAssessment.assess(List.of(), 101, LIMITS));
    }
}
