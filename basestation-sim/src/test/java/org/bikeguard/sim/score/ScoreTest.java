package org.bikeguard.sim.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreTest {
    private static final long S = 1_000;

    private static Truth.Visit visit(String station, long enter, long exit, long reads) {
        return new Truth.Visit(station, enter * S, exit * S, reads, false);
    }

    private static Sighting sighting(String station, long first, long last) {
        return new Sighting(station, first * S, last * S, 3);
    }

    @Test
    void aVisitIsFoundByAnOverlappingSightingAtItsStation() {
        Score score = new Score(30 * S, 5 * S);
        score.add(
                List.of(visit("A", 100, 200, 10), visit("B", 300, 310, 4), visit("C", 400, 410, 5)),
                List.of(sighting("A", 150, 160), sighting("B", 344, 350), sighting("A", 400, 410)),
                null,
                false);
        Score.Tally t = score.row("normal");
        assertEquals(3, t.scored());
        // B: sighting starts at 344 <= exit 310 + gap 30 + tolerance 5 = 345 -> found.
        assertEquals(2, t.found());
        // The sighting at A 400..410 has no visit of A there: a ghost.
        assertEquals(1, t.ghosts());
        assertEquals(3, t.sightings());
    }

    @Test
    void shortVisitsAreNotExpectedButExcuseTheirSightings() {
        Score score = new Score(30 * S, 5 * S);
        score.add(List.of(visit("A", 100, 101, 2)), List.of(sighting("A", 96, 100)), null, false);
        Score.Tally t = score.row("normal");
        assertEquals(1, t.visits());
        assertEquals(0, t.scored());
        assertEquals(0, t.ghosts());
        assertEquals(100.0, t.foundPercent());
    }

    @Test
    void toleranceBoundsTheWindowOnBothSides() {
        Score score = new Score(30 * S, 5 * S);
        score.add(
                List.of(visit("A", 100, 200, 9)), List.of(sighting("A", 90, 94), sighting("A", 236, 240)), null, false);
        assertEquals(0, score.row("normal").found());
        assertEquals(2, score.row("normal").ghosts());
    }

    @Test
    void theftAndCloneRowsAreApart() {
        Score score = new Score(30 * S, 5 * S);
        score.add(
                List.of(visit("A", 100, 200, 9), visit("B", 1000, 1100, 9)),
                List.of(sighting("A", 100, 200), sighting("B", 1000, 1100)),
                500L * S,
                false);
        score.add(List.of(visit("C", 100, 200, 9)), List.of(sighting("D", 100, 200)), null, true);
        assertEquals(1, score.row("normal").found());
        assertEquals(1, score.row("theft").found());
        assertEquals(1, score.row("clone").ghosts());
        assertEquals(0, score.total().ghosts());
        assertEquals(2, score.total().found());
        assertEquals(2, score.tags());
    }
}
