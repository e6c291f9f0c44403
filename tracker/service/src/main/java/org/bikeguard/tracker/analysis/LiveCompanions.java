package org.bikeguard.tracker.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds the sighting engine's fresh sightings (not yet in the database) to what
 * {@link CompanionQuery} read: another tag's fresh sighting at a visit's station is a co-visit
 * when it began within ±window of the visit, and adds to the visit's background when within
 * ±{@link Companions#BACKGROUND_MS}. Pure; times epoch ms UTC.
 */
final class LiveCompanions {

    private LiveCompanions() {}

    /**
     * @param visits     the target's visits (persisted and fresh)
     * @param fresh      the engine's sightings the database does not hold (the target's included; skipped)
     * @param coVisits   the persisted co-visits; fresh ones are added, and every co-visit's
     *                   background becomes its visit's total
     * @param background each visit's persisted background; the fresh sightings are added to it
     * @return each other tag's fresh sightings that began in {@code [from, to)}
     */
    static Map<Long, Long> add(
            long tag,
            long from,
            long to,
            long windowMs,
            List<Companions.Visit> visits,
            List<CompanionQuery.Seen> fresh,
            List<Companions.CoVisit> coVisits,
            long[] background) {
        Map<String, List<Integer>> visitsAt = new HashMap<>();
        for (int v = 0; v < visits.size(); v++) {
            visitsAt.computeIfAbsent(visits.get(v).station(), k -> new ArrayList<>())
                    .add(v);
        }
        Map<Long, Long> counts = new HashMap<>();
        List<Companions.CoVisit> all = new ArrayList<>(coVisits);
        for (CompanionQuery.Seen s : fresh) {
            if (s.tag() == tag) {
                continue;
            }
            if (s.firstSeen() >= from && s.firstSeen() < to) {
                counts.merge(s.tag(), 1L, Long::sum);
            }
            for (int v : visitsAt.getOrDefault(s.station(), List.of())) {
                long d = Math.abs(s.firstSeen() - visits.get(v).firstSeen());
                if (d <= Companions.BACKGROUND_MS) {
                    background[v]++;
                }
                if (d <= windowMs) {
                    all.add(new Companions.CoVisit(v, s.tag(), s.firstSeen(), 0));
                }
            }
        }
        coVisits.clear();
        for (Companions.CoVisit c : all) {
            coVisits.add(new Companions.CoVisit(c.visit(), c.tag(), c.firstSeen(), background[c.visit()]));
        }
        return counts;
    }
}
