package org.bikeguard.claims.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayoutTableTest {

    private static final PayoutTable TABLE = PayoutTable.standard();

    @ParameterizedTest(name = "bought {0}, stolen {1} -> {2} fen")
    @CsvSource({
        "2024-05-10, 2024-05-10, 120000",
        "2024-05-10, 2025-05-09, 120000", // day before first anniversary
        "2024-05-10, 2025-05-10, 80000", // first anniversary
        "2024-05-10, 2026-05-09, 80000", // day before second anniversary
        "2024-05-10, 2026-05-10, 50000", // second anniversary: 500 from here on (2-3 years open in the article)
        "2024-05-10, 2027-05-09, 50000",
        "2024-05-10, 2027-05-10, 50000", // third anniversary
        "2024-05-10, 2030-01-01, 50000",
        // 29 February purchases: anniversaries fall on 28 February in common years
        "2024-02-29, 2025-02-27, 120000",
        "2024-02-29, 2025-02-28, 80000",
        "2024-02-29, 2026-02-27, 80000",
        "2024-02-29, 2026-02-28, 50000",
        "2024-02-29, 2027-02-28, 50000",
        // purchase on 28 February of a leap year: anniversary is 28 February too
        "2023-02-28, 2024-02-27, 120000",
        "2023-02-28, 2024-02-28, 80000",
    })
    void payoutFollowsTheBikesAgeOnTheTheftDate(String bought, String stolen, long fen) {
        assertEquals(
                fen,
                TABLE.payoutFor(LocalDate.parse(bought), LocalDate.parse(stolen))
                        .amountFen());
    }

    @Test
    void leapDayPurchaseHasItsFourthAnniversaryOnTheLeapDay() {
        assertEquals(LocalDate.parse("2028-02-29"), PayoutTable.anniversary(LocalDate.parse("2024-02-29"), 4));
        assertEquals(3, PayoutTable.completedYears(LocalDate.parse("2024-02-29"), LocalDate.parse("2028-02-28")));
        assertEquals(4, PayoutTable.completedYears(LocalDate.parse("2024-02-29"), LocalDate.parse("2028-02-29")));
    }

    @Test
    void theftBeforePurchaseIsRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> TABLE.payoutFor(LocalDate.parse("2026-01-02"), LocalDate.parse("2026-01-01")));
    }

    @Test
    void tableRoundTripsThroughJson() {
        assertEquals(TABLE, PayoutTable.fromJson(TABLE.toJson()));
    }
}
