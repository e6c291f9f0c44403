package org.bikeguard.tracker.sightings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bikeguard.tracker.sightings.SightingQuery.Row;
import org.junit.jupiter.api.Test;

class SightingQueryTest {

    @Test
    void mergeKeepsOneRowPerStationAndFirstSeenWithTheEnginesCopyWinning() {
        List<Row> db = List.of(new Row("A", 100, 200, 3, -70, false), new Row("B", 300, 400, 2, -60, false));
        List<Row> live = List.of(new Row("B", 300, 500, 5, -55, true), new Row("C", 250, 260, 1, -80, true));
        List<Row> merged = SightingQuery.merge(db, live);
        assertEquals(
                List.of(
                        new Row("A", 100, 200, 3, -70, false),
                        new Row("C", 250, 260, 1, -80, true),
                        new Row("B", 300, 500, 5, -55, true)),
                merged);
    }

    @Test
    void sightingsStartingTogetherAtDifferentStationsAreBothKeptInAStableOrder() {
        List<Row> merged = SightingQuery.merge(
                List.of(new Row("B", 100, 150, 1, -50, false)), List.of(new Row("A", 100, 150, 1, -50, true)));
        assertEquals(List.of("A", "B"), merged.stream().map(Row::station).toList());
    }
}
