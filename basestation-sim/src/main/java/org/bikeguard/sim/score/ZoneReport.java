package org.bikeguard.sim.score;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bikeguard.sim.api.TrackerClient;

/**
 * The no-go zone part of {@code sim score} ({@link ZoneScore} has the rules): for every zone of
 * the truth's {@code zone_dwell} records, fetches the tracker's stays and events and prints the
 * dwells' recall and precision, then the events' per kind ({@code entered}, {@code text},
 * {@code fine}), with {@code RESULT_ZONE_DWELLS} and {@code RESULT_ZONES} lines for scripts.
 * Without the zone API or the zones (404) it says so and scores nothing.
 *
 * <p>Use from one thread.
 */
public final class ZoneReport {
    private final Truth truth;
    private final TrackerClient client;
    private final PrintStream out;

    /** A report of {@code truth}'s zone dwells against the tracker behind {@code client} (logged in), to {@code out}. */
    public ZoneReport(Truth truth, TrackerClient client, PrintStream out) {
        this.truth = truth;
        this.client = client;
        this.out = out;
    }

    /** Fetches, compares and prints. */
    public void run() throws IOException, InterruptedException {
        Set<String> zones = new LinkedHashSet<>();
        truth.zoneDwells().forEach(d -> zones.add(d.zone()));
        List<ZoneScore.Stay> stays = new ArrayList<>();
        List<ZoneScore.Event> events = new ArrayList<>();
        for (String z : zones) {
            try {
                stays.addAll(ZoneScore.fetchStays(client, z, truth.start(), truth.end()));
                events.addAll(ZoneScore.fetchEvents(client, z, truth.start(), truth.end()));
            } catch (TrackerClient.ApiException e) {
                if (e.status() == 404) {
                    out.println("zones: skipped - the tracker has no zone " + z
                            + " (no zone API, or the zones were not provisioned: sim --provision)");
                    return;
                }
                throw e;
            }
        }
        ZoneScore.Tally d = ZoneScore.dwells(truth.zoneDwells(), stays);
        out.printf(
                Locale.ROOT,
                "zones: %d zones; dwells (enter and exit within %d s): truth %,d, reported %,d, matched %,d,"
                        + " recall %.2f %%, precision %.2f %%%n",
                zones.size(),
                ZoneScore.TOLERANCE_MS / 1000,
                d.truth(),
                d.reported(),
                d.matched(),
                d.recallPercent(),
                d.precisionPercent());
        out.printf(
                Locale.ROOT,
                "RESULT_ZONE_DWELLS {\"truth\":%d,\"reported\":%d,\"matched\":%d}%n",
                d.truth(),
                d.reported(),
                d.matched());
        out.printf(
                Locale.ROOT,
                "%-10s %10s %10s %10s %9s %12s%n",
                "event",
                "expected",
                "reported",
                "matched",
                "recall %",
                "precision %");
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, ZoneScore.Tally> e :
                ZoneScore.events(truth.zoneDwells(), events, truth.end()).entrySet()) {
            ZoneScore.Tally r = e.getValue();
            out.printf(
                    Locale.ROOT,
                    "%-10s %,10d %,10d %,10d %9.2f %12.2f%n",
                    e.getKey(),
                    r.truth(),
                    r.reported(),
                    r.matched(),
                    r.recallPercent(),
                    r.precisionPercent());
            json.append(json.length() > 1 ? "," : "")
                    .append(String.format(
                            Locale.ROOT,
                            "\"%s\":{\"expected\":%d,\"reported\":%d,\"matched\":%d}",
                            e.getKey(),
                            r.truth(),
                            r.reported(),
                            r.matched()));
        }
        out.println("RESULT_ZONES " + json.append('}'));
    }
}
