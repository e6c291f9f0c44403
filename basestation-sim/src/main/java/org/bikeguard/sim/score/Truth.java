package org.bikeguard.sim.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.sim.truth.IsoTime;

/**
 * The parts of a ground-truth file the scorer needs: the run's window and gap, every tag, the
 * visits per tag, and which tags were stolen (from when) or cloned.
 *
 * <p>Units: epoch ms UTC. Immutable after {@link #load(Path)}; thread-safe for reading.
 */
public final class Truth {
    /**
     * One visit.
     *
     * @param station station id
     * @param enter first beacon within the radius, epoch ms
     * @param exit last beacon within the radius, epoch ms
     * @param reads reads the station sent for it
     * @param fromClone whether the beacons came from a cloned tag
     */
    public record Visit(String station, long enter, long exit, long reads, boolean fromClone) {}

    /**
     * One stay of a tag in a no-go zone.
     *
     * @param tag canonical tag id
     * @param zone zone id
     * @param kind zone kind ({@code fire_lane}, {@code building_entrance})
     * @param enter first read there, epoch ms
     * @param exit last read there, epoch ms
     */
    public record ZoneDwell(String tag, String zone, String kind, long enter, long exit) {}

    long start = Long.MIN_VALUE;
    boolean keepVisits = true;
    double violationRate;
    final List<ViolationScore.Violation> violations = new ArrayList<>();
    final List<ZoneDwell> zoneDwells = new ArrayList<>();
    long end = Long.MIN_VALUE;
    long gapMs = 30_000;
    /** Backhaul outages ({@code outage} lines): station id to {from, to} pairs, epoch ms. */
    final Map<String, List<long[]>> outages = new HashMap<>();
    /** The stations of each signalled intersection ({@code signal} lines). */
    final Map<String, List<String>> intersectionStations = new HashMap<>();
    /** Wall time minus simulated time of a run paced at real time ({@code pace} line), ms; 0 otherwise. */
    long wallOffsetMs;

    final Set<String> tags = new LinkedHashSet<>();
    final Map<String, List<Visit>> visits = new HashMap<>();
    final Map<String, Long> stolenAt = new HashMap<>();
    final Set<String> cloned = new HashSet<>();
    final List<Gang> gangs = new ArrayList<>();
    final List<Den> dens = new ArrayList<>();

    /** A gang's stolen bikes moved together ({@code companion} line); times epoch ms UTC. */
    public record Gang(List<String> tags, long from, long to) {}

    /** A den ({@code den} line): the nearest station and the place, WGS-84 degrees. */
    public record Den(String station, double lon, double lat) {}

    /** Reads a JSON Lines ground-truth file. */
    public static Truth load(Path file) throws IOException {
        return load(file, true);
    }

    /** Reads a JSON Lines ground-truth file; without its visits (large) unless {@code visits}. */
    public static Truth load(Path file, boolean visits) throws IOException {
        Truth t = new Truth();
        t.keepVisits = visits;
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode j;
                try {
                    j = json.readTree(line);
                } catch (IOException e) {
                    throw new IOException(file + " line " + n + ": not JSON: " + e.getMessage());
                }
                t.add(j);
            }
        }
        if (t.start == Long.MIN_VALUE) {
            throw new IOException(file + ": no \"run\" record - not a ground-truth file?");
        }
        return t;
    }

    private void add(JsonNode j) {
        switch (j.path("type").asText()) {
            case "pace" -> {
                if (j.path("speed").asDouble(0) == 1) {
                    wallOffsetMs = IsoTime.parse(j.get("wallStart").asText())
                            - IsoTime.parse(j.get("simStart").asText());
                }
            }
            case "run" -> {
                start = IsoTime.parse(j.get("start").asText());
                if (j.hasNonNull("end")) {
                    end = IsoTime.parse(j.get("end").asText());
                }
                gapMs = j.path("gapS").asLong(30) * 1000;
                violationRate = j.path("violationRate").asDouble(0);
            }
            case "end" -> end = Math.max(end, IsoTime.parse(j.get("at").asText()));
            case "outage" ->
                outages.computeIfAbsent(j.get("station").asText(), k -> new ArrayList<>())
                        .add(new long[] {
                            IsoTime.parse(j.get("from").asText()),
                            IsoTime.parse(j.get("to").asText())
                        });
            case "signal" -> {
                List<String> st = new ArrayList<>();
                j.path("stations").forEach(x -> st.add(x.asText()));
                intersectionStations.put(j.get("intersection").asText(), st);
            }
            case "tags" -> j.get("tags").forEach(x -> tags.add(canon(x.asText())));
            case "visit" -> {
                if (!keepVisits) {
                    return;
                }
                String tag = canon(j.get("tag").asText());
                tags.add(tag);
                visits.computeIfAbsent(tag, k -> new ArrayList<>())
                        .add(new Visit(
                                j.get("station").asText(),
                                IsoTime.parse(j.get("enter").asText()),
                                IsoTime.parse(j.get("exit").asText()),
                                j.get("reads").asLong(),
                                j.path("clone").asBoolean(false)));
            }
            case "theft" ->
                stolenAt.merge(
                        canon(j.get("tag").asText()),
                        IsoTime.parse(j.get("stolenAt").asText()),
                        Math::min);
            case "clone" -> cloned.add(canon(j.get("tag").asText()));
            case "companion" -> {
                List<String> g = new ArrayList<>();
                j.get("tags").forEach(x -> g.add(canon(x.asText())));
                gangs.add(new Gang(
                        List.copyOf(g),
                        IsoTime.parse(j.get("from").asText()),
                        IsoTime.parse(j.get("to").asText())));
            }
            case "den" ->
                dens.add(new Den(
                        j.get("station").asText(),
                        j.get("lon").asDouble(),
                        j.get("lat").asDouble()));
            case "violation" ->
                violations.add(new ViolationScore.Violation(
                        canon(j.get("tag").asText()),
                        j.get("intersection").asText(),
                        j.get("kind").asText(),
                        IsoTime.parse(j.get("at").asText()),
                        -1));
            case "zone_dwell" ->
                zoneDwells.add(new ZoneDwell(
                        canon(j.get("tag").asText()),
                        j.get("zone").asText(),
                        j.path("kind").asText(""),
                        IsoTime.parse(j.get("enter").asText()),
                        IsoTime.parse(j.get("exit").asText())));
            default -> {}
        }
    }

    private static String canon(String tag) {
        return TagIds.format(TagIds.parse(tag));
    }

    /** Start of the simulated window, epoch ms. */
    public long start() {
        return start;
    }

    /** End of the simulated window (or of the run, if stopped early), epoch ms. */
    public long end() {
        return end;
    }

    /**
     * Wall time minus simulated time, ms, for a run paced at real time (its {@code pace} line): a run at {@code --speed
     * 1} over a window in the past stamps its reads that much before they happen; 0 for other runs.
     */
    public long wallOffsetMs() {
        return wallOffsetMs;
    }

    /** Whether a station of the intersection had its backhaul cut at some time in {@code [from, to]} (epoch ms). */
    public boolean cutOff(String intersection, long from, long to) {
        for (String st : intersectionStations.getOrDefault(intersection, List.of())) {
            for (long[] o : outages.getOrDefault(st, List.of())) {
                if (o[0] <= to && o[1] >= from) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The tracker's sighting gap the run was made for, ms. */
    public long gapMs() {
        return gapMs;
    }

    /** Every tag of the city, canonical hex. */
    public Set<String> tags() {
        return tags;
    }

    /** Visits of {@code tag} (empty when none). */
    public List<Visit> visits(String tag) {
        return visits.getOrDefault(tag, List.of());
    }

    /** The run's {@code --violations} rate (0 for runs before it existed). */
    public double violationRate() {
        return violationRate;
    }

    /** The violations in the truth. */
    public List<ViolationScore.Violation> violations() {
        return violations;
    }

    /** The stays in no-go zones in the truth. */
    public List<ZoneDwell> zoneDwells() {
        return zoneDwells;
    }

    /** When {@code tag}'s bike was stolen, or null. */
    public Long stolenAt(String tag) {
        return stolenAt.get(tag);
    }

    /** The gangs ({@code companion} lines), in file order. */
    public List<Gang> gangs() {
        return gangs;
    }

    /** The dens ({@code den} lines), in file order. */
    public List<Den> dens() {
        return dens;
    }

    /** Every stolen tag with its (earliest) theft time, epoch ms. */
    public Map<String, Long> thefts() {
        return stolenAt;
    }

    /** Whether {@code tag} was cloned. */
    public boolean cloned(String tag) {
        return cloned.contains(tag);
    }
}
