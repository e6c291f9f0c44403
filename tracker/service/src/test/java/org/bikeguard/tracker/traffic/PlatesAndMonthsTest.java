package org.bikeguard.tracker.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.YearMonth;
import org.bikeguard.common.web.BadInputException;
import org.junit.jupiter.api.Test;

class PlatesAndMonthsTest {

    @Test
    void platesAreMaskedAsTheCityDoes() {
        assertEquals("衡阳A·123**", Plates.mask("衡阳A·12345"));
        assertEquals("湘D·100**", Plates.mask("湘D·10023"));
        assertEquals("湘D123**", Plates.mask("湘D12345"));
        assertEquals("衡阳A·**", Plates.mask("衡阳A·12"));
    }

    @Test
    void monthsAreCalendarMonthsOfShanghai() {
        YearMonth nov = Months.parse("2026-11", null);
        assertEquals(Instant.parse("2026-10-31T16:00:00Z"), Months.start(nov));
        assertEquals(Instant.parse("2026-11-30T16:00:00Z"), Months.end(nov));
        assertEquals(YearMonth.of(2026, 12), Months.parse("", YearMonth.of(2026, 12)));
        assertThrows(BadInputException.class, () -> Months.parse("2026-13", null));
        assertThrows(BadInputException.class, () -> Months.parse("26-11", null));
    }
}
