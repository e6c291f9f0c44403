package org.bikeguard.tracker.casework;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bikeguard.tracker.registry.Bike;
import org.bikeguard.tracker.registry.RegistryJson;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.station.StationRegistry;
import org.bikeguard.tracker.theft.Evidence;
import org.bikeguard.tracker.theft.TheftCase;
import org.bikeguard.tracker.theft.TheftJson;

/**
 * The printable case report: built from pinned evidence (never from live sightings), every
 * sighting with its station's name and position, under an audit reference
 * {@code RPT-yyyyMMdd-XXXXXXXX} (the Asia/Shanghai date, 40 random bits in Crockford base32) that
 * the {@code case.report} audit row records. Thread-safe.
 */
final class CaseReport {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final ZoneId CITY = ZoneId.of("Asia/Shanghai");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StationRegistry stations;
    private final Clock clock;

    CaseReport(StationRegistry stations, Clock clock) {
        this.stations = stations;
        this.clock = clock;
    }

    /** A fresh audit reference for one printed report. */
    String reference() {
        StringBuilder b = new StringBuilder("RPT-")
                .append(LocalDate.ofInstant(clock.instant(), CITY).format(DateTimeFormatter.BASIC_ISO_DATE))
                .append('-');
        for (int i = 0; i < 8; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** What the case view lists of a pinned compilation: its window, size, tags and length. */
    static JsonObject summary(Evidence e) {
        JsonObject traj = e.trajectory();
        return new JsonObject()
                .put("id", e.id())
                .put("compiledAt", RegistryJson.time(e.compiledAt()))
                .put("compiledBy", e.compiledBy())
                .put("from", RegistryJson.time(e.from()))
                .put("to", RegistryJson.time(e.to()))
                .put("sightings", e.sightings().size())
                .put("tags", new JsonArray(List.copyOf(tags(e))))
                .put(
                        "lengthM",
                        traj == null ? null : traj.getJsonObject("properties").getValue("lengthM"));
    }

    /** The tags of the evidence's sightings, in order of first appearance (one per binding). */
    static Set<String> tags(Evidence e) {
        Set<String> tags = new LinkedHashSet<>();
        for (Object o : e.sightings()) {
            if (o instanceof JsonObject s && s.getString("tag") != null) {
                tags.add(s.getString("tag"));
            }
        }
        return tags;
    }

    /** The report's JSON. */
    JsonObject json(String reference, String officer, TheftCase t, Bike b, Evidence e, List<CaseNotes.Note> notes) {
        JsonArray sightings = new JsonArray();
        for (Object o : e.sightings()) {
            if (!(o instanceof JsonObject s)) {
                continue;
            }
            JsonObject row = s.copy();
            Station st = stations.byId(s.getString("station"));
            row.put("stationName", st == null ? null : st.name())
                    .put("lon", st == null ? null : st.lon())
                    .put("lat", st == null ? null : st.lat());
            sightings.add(row);
        }
        return new JsonObject()
                .put("reference", reference)
                .put("generatedAt", RegistryJson.time(clock.instant()))
                .put("generatedBy", officer)
                .put("case", TheftJson.theft(t))
                .put(
                        "bike",
                        b == null
                                ? null
                                : new JsonObject()
                                        .put("id", b.id())
                                        .put("plate", b.plate())
                                        .put("frameNo", b.frameNo())
                                        .put("brand", b.brand())
                                        .put("model", b.model())
                                        .put("colour", b.colour()))
                .put(
                        "evidence",
                        summary(e)
                                .put("count", sightings.size())
                                .put("sightings", sightings)
                                .put("trajectory", e.trajectory()))
                .put("notes", RegistryJson.array(notes, CaseNotes.Note::json));
    }
}
