package org.bikeguard.sim.score;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.sim.api.TrackerClient;
import org.bikeguard.sim.truth.IsoTime;

/**
 * Scores the tracker's no-go zone stays and rule events against the truth's {@code zone_dwell}
 * records. Pure matching plus the two fetches; times epoch ms UTC. Stateless; thread-safe.
 *
 * <ul>
 * <li><b>Dwells</b>: a truth dwell is found when the tracker reports a stay of the same tag in
 * the same zone ({@code GET /api/v1/zones/{id}/stays}) whose {@code enter} and {@code lastSeen}
 * each lie within {@value #TOLERANCE_MS} ms of the dwell's {@code enter} and {@code exit}; one stay
 * per dwell. Recall = found / truth dwells, precision = matched stays / reported stays.</li>
 * <li><b>Events</b> ({@code GET /api/v1/zones/{id}/events}): what the dwells call for with the
 * tracker's default rules: a building entrance, {@code entered} at the dwell's start; a fire lane,
 * {@code text} once it exceeds {@value #FIRE_LANE_GRACE_MS} ms and {@code fine} once it exceeds
 * twice that; a corridor, {@code fine} once it exceeds {@value #CORRIDOR_GRACE_MS} ms. An event
 * matches an expected one of the same zone, tag and kind within {@value #TOLERANCE_MS} ms. A
 * dwell within {@value #AMBIGUOUS_MS} ms of a threshold expects nothing and an event it explains
 * is not counted either (the tracker sees reads, a subset of the beacons: either answer is
 * right).</li>
 * </ul>
 */
public final class ZoneScore {
    /** The fire lanes' grace, ms (the tracker's default). */
    public static final long FIRE_LANE_GRACE_MS = 900_000;
    /** The corridors' grace, ms (the tracker's default). */
    public static final long CORRIDOR_GRACE_MS = 300_000;
    /** Largest difference between a truth time and the tracker's, ms. */
    public static final long TOLERANCE_MS = 60_000;
    /** A dwell this close to a rule's threshold expects nothing either way, ms. */
    public static final long AMBIGUOUS_MS = 30_000;

    private ZoneScore() {}

    /** A stay as the tracker reports it. */
    public record Stay(String zone, String tag, long enter, long exit) {}

    /** One event, expected or reported. */
    public record Event(String zone, String tag, String kind, long at) {}

    /** Counts of one comparison. */
    public record Tally(long truth, long reported, long matched) {
        /** Matched truth items in percent (100 when there are none). */
        public double recallPercent() {
            return truth == 0 ? 100 : 100.0 * matched / truth;
        }

        /** Matched reported items in percent (100 when there are none). */
        public double precisionPercent() {
            return reported == 0 ? 100 : 100.0 * matched / reported;
        }
    }

    /** Dwells against stays (see the class Javadoc). */
    public static Tally dwells(List<Truth.ZoneDwell> truth, List<Stay> reported) {
        boolean[] used = new boolean[reported.size()];
        long matched = 0;
        for (Truth.ZoneDwell d : truth) {
            for (int i = 0; i < reported.size(); i++) {
                Stay s = reported.get(i);
                if (!used[i]
                        && s.zone().equals(d.zone())
                        && s.tag().equals(d.tag())
                        && Math.abs(s.enter() - d.enter()) <= TOLERANCE_MS
                        && Math.abs(s.exit() - d.exit()) <= TOLERANCE_MS) {
                    used[i] = true;
                    matched++;
                    break;
                }
            }
        }
        return new Tally(truth.size(), reported.size(), matched);
    }

    /** The rule's thresholds for a zone kind, ms after the dwell's start, by event kind. */
    static Map<String, Long> thresholds(String zoneKind) {
        return switch (zoneKind) {
            case "building_entrance" -> Map.of("entered", 0L);
            case "fire_lane" -> Map.of("text", FIRE_LANE_GRACE_MS, "fine", 2 * FIRE_LANE_GRACE_MS);
            case "corridor" -> Map.of("fine", CORRIDOR_GRACE_MS);
            default -> Map.of();
        };
    }

    /** The events the dwells call for, before {@code end}. */
    public static List<Event> expected(List<Truth.ZoneDwell> dwells, long end) {
        List<Event> e = new ArrayList<>();
        for (Truth.ZoneDwell d : dwells) {
            long dwell = d.exit() - d.enter();
            for (Map.Entry<String, Long> t : thresholds(d.kind()).entrySet()) {
                long at = d.enter() + t.getValue();
                boolean entry = t.getValue() == 0;
                if (at < end && (entry || dwell > t.getValue() + AMBIGUOUS_MS)) {
                    e.add(new Event(d.zone(), d.tag(), t.getKey(), at));
                }
            }
        }
        return e;
    }

    /**
     * Reported events against the expected ones, per event kind (insertion order: as met). A
     * reported event that matches nothing but lies within an ambiguous dwell's threshold band is
     * left out of the counts.
     */
    public static Map<String, Tally> events(List<Truth.ZoneDwell> dwells, List<Event> reported, long end) {
        List<Event> expected = expected(dwells, end);
        Map<String, long[]> rows = new LinkedHashMap<>();
        boolean[] used = new boolean[expected.size()];
        for (Event r : reported) {
            int hit = -1;
            for (int i = 0; i < expected.size() && hit < 0; i++) {
                Event x = expected.get(i);
                if (!used[i]
                        && x.zone().equals(r.zone())
                        && x.tag().equals(r.tag())
                        && x.kind().equals(r.kind())
                        && Math.abs(x.at() - r.at()) <= TOLERANCE_MS) {
                    hit = i;
                }
            }
            if (hit < 0 && ambiguous(dwells, r)) {
                continue;
            }
            long[] row = rows.computeIfAbsent(r.kind(), k -> new long[3]);
            row[1]++;
            if (hit >= 0) {
                used[hit] = true;
                row[2]++;
            }
        }
        for (Event x : expected) {
            rows.computeIfAbsent(x.kind(), k -> new long[3])[0]++;
        }
        Map<String, Tally> out = new LinkedHashMap<>();
        rows.forEach((k, r) -> out.put(k, new Tally(r[0], r[1], r[2])));
        return out;
    }

    private static boolean ambiguous(List<Truth.ZoneDwell> dwells, Event r) {
        for (Truth.ZoneDwell d : dwells) {
            Long t = thresholds(d.kind()).get(r.kind());
            if (t != null
                    && t > 0
                    && d.zone().equals(r.zone())
                    && d.tag().equals(r.tag())
                    && Math.abs((d.exit() - d.enter()) - t) <= AMBIGUOUS_MS
                    && Math.abs(r.at() - (d.enter() + t)) <= TOLERANCE_MS) {
                return true;
            }
        }
        return false;
    }

    /** The tracker's stays of {@code zone} overlapping [from, to). @throws TrackerClient.ApiException 404 without the zone */
    public static List<Stay> fetchStays(TrackerClient client, String zone, long from, long to)
            throws IOException, InterruptedException {
        JsonNode r = client.get(
                "/api/v1/zones/" + zone + "/stays",
                Map.of("from", new IsoTime().format(from), "to", new IsoTime().format(to), "limit", "10000"));
        List<Stay> out = new ArrayList<>();
        for (JsonNode s : r.path("stays")) {
            out.add(new Stay(
                    zone,
                    TagIds.format(TagIds.parse(s.get("tag").asText())),
                    IsoTime.parse(s.get("enter").asText()),
                    IsoTime.parse(s.get("lastSeen").asText())));
        }
        return out;
    }

    /** The tracker's events of {@code zone} whose time lies in [from, to). */
    public static List<Event> fetchEvents(TrackerClient client, String zone, long from, long to)
            throws IOException, InterruptedException {
        List<Event> out = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode r = client.get(
                    "/api/v1/zones/" + zone + "/events", Map.of("after", Long.toString(after), "limit", "5000"));
            int n = 0;
            for (JsonNode e : r.path("events")) {
                n++;
                after = Math.max(after, e.path("id").asLong());
                long at = IsoTime.parse(e.get("at").asText());
                if (at >= from && at < to) {
                    out.add(new Event(
                            zone,
                            TagIds.format(TagIds.parse(e.get("tag").asText())),
                            e.get("kind").asText(),
                            at));
                }
            }
            if (n < 5000) {
                return out;
            }
        }
    }
}
