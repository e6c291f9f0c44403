package org.bikeguard.tracker.theft;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseEventsTest {

    /** A recording fake of the port. */
    private static final class Recording implements CaseEvents {
        final List<String> calls = new ArrayList<>();

        @Override
        public void confirmed(long tag, long caseId, String caseNo, String plate) {
            calls.add("watch " + Long.toHexString(tag) + " " + caseId + " " + caseNo + " " + plate);
        }

        @Override
        public void ended(long tag, long caseId) {
            calls.add("unwatch " + Long.toHexString(tag) + " " + caseId);
        }
    }

    @Test
    void tagReplacementUnwatchesTheOldTagBeforeWatchingTheNewOne() {
        Recording r = new Recording();
        r.tagReplaced(0xA1, 0xA2, 7, "HY-1", "湘D1");
        assertEquals(List.of("unwatch a1 7", "watch a2 7 HY-1 湘D1"), r.calls);
    }

    @Test
    void theNoOpPortAcceptsEveryCall() {
        assertDoesNotThrow(() -> {
            CaseEvents.NONE.confirmed(1, 1, "x", "y");
            CaseEvents.NONE.tagReplaced(1, 2, 1, "x", "y");
            CaseEvents.NONE.ended(2, 1);
        });
    }

    @Test
    void aCaseIsOpenOnlyWhileReportedOrConfirmed() {
        assertTrue(theft(TheftCase.REPORTED).open());
        assertTrue(theft(TheftCase.CONFIRMED).open());
        assertFalse(theft(TheftCase.RECOVERED).open());
        assertFalse(theft(TheftCase.CLOSED).open());
    }

    private static TheftCase theft(String status) {
        return new TheftCase(
                1, 2, 3, status, null, null, "p", "d", null, "u", null, null, null, null, null, null, "", null, "湘D1");
    }
}
