package org.bikeguard.sim.score;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.sim.api.TrackerClient;
import org.bikeguard.sim.truth.IsoTime;

/**
 * The no-go zone part of {@code sim score}: for every zone of the truth's {@code zone_dwell}
 * records, fetches the tracker's events ({@code GET /api/v1/zones/{id}/events?after=&limit=}) and
 * compares them with what the stays call for: at a building entrance an {@code entered} event
 * at the stay's start; in a fire lane a {@code text} once the stay exceeds the grace
 * ({@value #FIRE_LANE_GRACE_MS} ms, the tracker's default) and a {@code fine} once it exceeds
 * twice the grace. An event matches an expected one of the same zone, tag and kind whose time
 * lies within {@value #TOLERANCE_MS} ms of its {@code at}. Without the zone API (404) it says so
 * and scores nothing.
 *
 * <p>Use from one thread.
 */
final class ZoneReport {
    /** The fire lanes' grace, ms. */
    static final long FIRE_LANE_GRACE_MS = 900_000;
    /** Largest difference between an expected and a reported event, ms. */
    static final long TOLERANCE_MS = 60_000;

    private final Truth truth;
    private final TrackerClient client;
    private final PrintStream out;

    ZoneReport(Truth truth, TrackerClient client, PrintStream out) {
        this.truth = truth;
        this.client = client;
        this.out = out;
    }

    /** One event, expected or reported. */
    record Event(String zone, String tag, String kind, long at) {}

    /** The events the truth's stays call for. */
    static List<Event> expected(List<Truth.ZoneDwell> dwells) {
        List<Event> e = new ArrayList<>();
        for (Truth.ZoneDwell d : dwells) {
            long dwell = d.exit() - d.enter();
            if (d.kind().equals("building_entrance")) {
                e.add(new Event(d.zone(), d.tag(), "entered", d.enter()));
            } else if (d.kind().equals("fire_lane")) {
                if (dwell > FIRE_LANE_GRACE_MS) {
                    e.add(new Event(d.zone(), d.tag(), "text", d.enter() + FIRE_LANE_GRACE_MS));
                }
                if (dwell > 2 * FIRE_LANE_GRACE_MS) {
                    e.add(new Event(d.zone(), d.tag(), "fine", d.enter() + 2 * FIRE_LANE_GRACE_MS));
                }
            }
        }
        return e;
    }

    void run() throws IOException, InterruptedException {
        Set<String> zones = new LinkedHashSet<>();
        truth.zoneDwells().forEach(d -> zones.add(d.zone()));
        List<Event> reported = new ArrayList<>();
        for (String z : zones) {
            try {
                reported.addAll(events(z));
            } catch (TrackerClient.ApiException e) {
                if (e.status() == 404) {
                    out.println("zones: skipped - the tracker has no zone " + z
                            + " (no zone API, or the zones were not provisioned: sim --provision)");
                    return;
                }
                throw e;
            }
        }
        List<Event> expected = new ArrayList<>();
        for (Event x : expected(truth.zoneDwells())) {
            if (x.at() < truth.end()) {
                expected.add(x);
            }
        }
        Map<String, long[]> rows = new LinkedHashMap<>();
        boolean[] used = new boolean[expected.size()];
        for (Event r : reported) {
            long[] row = rows.computeIfAbsent(r.kind(), k -> new long[3]);
            row[1]++;
            for (int i = 0; i < expected.size(); i++) {
                Event x = expected.get(i);
                if (!used[i]
                        && x.zone().equals(r.zone())
                        && x.tag().equals(r.tag())
                        && x.kind().equals(r.kind())
                        && Math.abs(x.at() - r.at()) <= TOLERANCE_MS) {
                    used[i] = true;
                    row[2]++;
                    break;
                }
            }
        }
        for (Event x : expected) {
            rows.computeIfAbsent(x.kind(), k -> new long[3])[0]++;
        }
        out.printf(
                Locale.ROOT,
                "zones: %d zones, %d stays%n%-10s %10s %10s %10s %9s %12s%n",
                zones.size(),
                truth.zoneDwells().size(),
                "event",
                "expected",
                "reported",
                "matched",
                "recall %",
                "precision %");
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, long[]> e : rows.entrySet()) {
            long[] r = e.getValue();
            double recall = r[0] == 0 ? 100 : 100.0 * r[2] / r[0];
            double precision = r[1] == 0 ? 100 : 100.0 * r[2] / r[1];
            out.printf(
                    Locale.ROOT,
                    "%-10s %,10d %,10d %,10d %9.2f %12.2f%n",
                    e.getKey(),
                    r[0],
                    r[1],
                    r[2],
                    recall,
                    precision);
            json.append(json.length() > 1 ? "," : "")
                    .append(String.format(
                            Locale.ROOT,
                            "\"%s\":{\"expected\":%d,\"reported\":%d,\"matched\":%d}",
                            e.getKey(),
                            r[0],
                            r[1],
                            r[2]));
        }
        out.println("RESULT_ZONES " + json.append('}'));
    }

    private List<Event> events(String zone) throws IOException, InterruptedException {
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
                if (at >= truth.start() && at < truth.end()) {
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
