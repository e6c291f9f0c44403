package org.bikeguard.claims.fraud;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bikeguard.claims.ShanghaiTime;
import org.bikeguard.claims.payout.PayoutTable;
import org.bikeguard.claims.tracker.TrackerGateway.Sighting;
import org.bikeguard.claims.tracker.TrackerGateway.Station;

/**
 * Computes the fraud signals of a theft claim. Each signal carries its reason and only sends the
 * claim to review; none denies it. Thresholds are fields of this object. Dates are Asia/Shanghai
 * dates; instants UTC. Pure; immutable; thread-safe.
 *
 * @param earlyTheftDays    a theft fewer than this many days after the policy start is signalled
 * @param seenAfterGrace    sightings ending this long after the theft (or its report, if later) are ignored
 * @param silentBefore      a tag not seen for this long before the theft is signalled
 * @param bracketEdgeDays   a theft this many days or fewer before a bracket-changing anniversary is signalled
 * @param nearHomeMetres    extra distance beyond the two stations' radii that counts as "near home"
 */
public record FraudSignals(
        int earlyTheftDays,
        Duration seenAfterGrace,
        Duration silentBefore,
        int bracketEdgeDays,
        double nearHomeMetres) {

    /** The thresholds in force. */
    public static FraudSignals defaults() {
        return new FraudSignals(30, Duration.ofMinutes(15), Duration.ofDays(7), 14, 200);
    }

    /**
     * Everything the rules look at.
     *
     * @param policyStart   first day of cover
     * @param stolenAt      reported theft time
     * @param reportedAt    when the theft was reported (null: unknown, taken as {@code stolenAt})
     * @param purchaseDate  the bike's purchase date
     * @param table         the policy's payout table
     * @param evidence      the tag's sightings around the theft
     * @param earlierClaims other theft claims matched by {@code owner}, {@code id-number} or {@code phone} → claim ids
     */
    public record Input(
            LocalDate policyStart,
            Instant stolenAt,
            Instant reportedAt,
            LocalDate purchaseDate,
            PayoutTable table,
            TheftEvidence evidence,
            Map<String, List<Long>> earlierClaims) {

        /** Input for a theft whose report time is unknown (taken as the theft time). */
        public Input(
                LocalDate policyStart,
                Instant stolenAt,
                LocalDate purchaseDate,
                PayoutTable table,
                TheftEvidence evidence,
                Map<String, List<Long>> earlierClaims) {
            this(policyStart, stolenAt, null, purchaseDate, table, evidence, earlierClaims);
        }
    }

    /** Codes of the signals that come from the tag's sightings (recomputed when evidence is re-fetched). */
    public static final List<String> SIGHTING_CODES =
            List.of("evidence-unavailable", "seen-near-home-after-theft", "seen-after-theft", "silent-before-theft");

    /** The signals, in a fixed order. */
    public List<Signal> evaluate(Input in) {
        List<Signal> out = new ArrayList<>();
        earlyTheft(in).ifPresent(out::add);
        out.addAll(sightingSignals(in.stolenAt(), in.reportedAt(), in.evidence()));
        bracketEdge(in).ifPresent(out::add);
        repeated(in).ifPresent(out::add);
        return out;
    }

    /**
     * The signals from the tag's sightings ({@link #SIGHTING_CODES}): {@code evidence-unavailable}
     * when the tracker could not show them, else the seen-after and silent-before checks.
     */
    public List<Signal> sightingSignals(Instant stolenAt, Instant reportedAt, TheftEvidence ev) {
        if (!ev.available()) {
            return List.of(new Signal(
                    "evidence-unavailable",
                    "the tracker could not show the tag's sightings; the sighting checks wait until it can",
                    Map.of("window", ShanghaiTime.format(ev.windowFrom()) + "/" + ShanghaiTime.format(ev.windowTo()))));
        }
        Input in = new Input(null, stolenAt, reportedAt, null, null, ev, Map.of());
        List<Signal> out = new ArrayList<>();
        seenAfter(in).ifPresent(out::add);
        silentBefore(in).ifPresent(out::add);
        return out;
    }

    private Optional<Signal> earlyTheft(Input in) {
        LocalDate theft = ShanghaiTime.dateOf(in.stolenAt());
        long days = ChronoUnit.DAYS.between(in.policyStart(), theft);
        if (days >= earlyTheftDays) {
            return Optional.empty();
        }
        return Optional.of(new Signal(
                "early-theft",
                "theft " + days + " days after the policy started (under " + earlyTheftDays + ")",
                Map.of("days", days, "policyStart", in.policyStart().toString())));
    }

    /**
     * A sighting that contradicts the report: it ends after the report (and the grace after the
     * theft) at a station away from where the tag was last seen before the theft. The thief riding
     * the bike away before the report, or the tag heard again where it was stolen, is no signal.
     */
    private Optional<Signal> seenAfter(Input in) {
        Instant graceEnd = in.stolenAt().plus(seenAfterGrace);
        Instant after = in.reportedAt() != null && in.reportedAt().isAfter(graceEnd) ? in.reportedAt() : graceEnd;
        TheftEvidence ev = in.evidence();
        Station home = ev.homeStation() == null ? null : ev.stations().get(ev.homeStation());
        String stolenFrom = lastStationBefore(in.stolenAt(), ev);
        Sighting last = null;
        Sighting nearHome = null;
        for (Sighting s : ev.sightings()) {
            if (!s.lastSeen().isAfter(after) || isNear(s.station(), stolenFrom, ev.stations())) {
                continue;
            }
            last = s;
            if (nearHome == null && isNearHome(s.station(), ev.homeStation(), home, ev.stations())) {
                nearHome = s;
            }
        }
        if (nearHome != null) {
            return Optional.of(new Signal(
                    "seen-near-home-after-theft",
                    "the tag was seen near the owner's home at " + ShanghaiTime.format(nearHome.lastSeen())
                            + ", after the theft was reported",
                    Map.of("station", nearHome.station(), "lastSeen", ShanghaiTime.format(nearHome.lastSeen()))));
        }
        if (last != null) {
            return Optional.of(new Signal(
                    "seen-after-theft",
                    "the tag was seen at " + last.station() + " at " + ShanghaiTime.format(last.lastSeen())
                            + ", after the theft was reported and away from where it was stolen",
                    Map.of("station", last.station(), "lastSeen", ShanghaiTime.format(last.lastSeen()))));
        }
        return Optional.empty();
    }

    /** The station of the last sighting that began before the theft (where it was stolen), or null. */
    private static String lastStationBefore(Instant stolenAt, TheftEvidence ev) {
        Sighting best = null;
        for (Sighting s : ev.sightings()) {
            if (s.firstSeen().isBefore(stolenAt)
                    && (best == null || s.firstSeen().isAfter(best.firstSeen()))) {
                best = s;
            }
        }
        return best == null ? null : best.station();
    }

    /** Whether {@code stationId} is {@code placeId} or overlaps it (radii plus the near-home margin). */
    private boolean isNear(String stationId, String placeId, Map<String, Station> stations) {
        if (placeId == null) {
            return false;
        }
        return isNearHome(stationId, placeId, stations.get(placeId), stations);
    }

    private boolean isNearHome(String stationId, String homeId, Station home, Map<String, Station> stations) {
        if (homeId == null) {
            return false;
        }
        if (homeId.equals(stationId)) {
            return true;
        }
        Station s = stations.get(stationId);
        if (home == null || s == null) {
            return false;
        }
        return metres(home.lat(), home.lon(), s.lat(), s.lon()) <= home.radiusM() + s.radiusM() + nearHomeMetres;
    }

    private Optional<Signal> silentBefore(Input in) {
        TheftEvidence ev = in.evidence();
        Instant lastSeen = null;
        for (Sighting s : ev.sightings()) {
            if (s.firstSeen().isBefore(in.stolenAt())) {
                Instant end = s.lastSeen().isAfter(in.stolenAt()) ? in.stolenAt() : s.lastSeen();
                lastSeen = lastSeen == null || end.isAfter(lastSeen) ? end : lastSeen;
            }
        }
        if (lastSeen == null) {
            return Optional.of(new Signal(
                    "silent-before-theft",
                    "the tag was not seen at all in the " + TheftEvidence.WINDOW.toDays()
                            + " days before the reported theft",
                    Map.of("searchedFrom", ShanghaiTime.format(ev.windowFrom()))));
        }
        Duration silent = Duration.between(lastSeen, in.stolenAt());
        if (silent.compareTo(silentBefore) < 0) {
            return Optional.empty();
        }
        return Optional.of(new Signal(
                "silent-before-theft",
                "the tag was last seen " + silent.toDays() + " days before the reported theft",
                Map.of("lastSeen", ShanghaiTime.format(lastSeen), "silentDays", silent.toDays())));
    }

    private Optional<Signal> bracketEdge(Input in) {
        LocalDate theft = ShanghaiTime.dateOf(in.stolenAt());
        if (theft.isBefore(in.purchaseDate())) {
            return Optional.empty();
        }
        int years = PayoutTable.completedYears(in.purchaseDate(), theft);
        if (years + 1 >= in.table().amountsFen().size()) {
            return Optional.empty();
        }
        LocalDate next = PayoutTable.anniversary(in.purchaseDate(), years + 1);
        long days = ChronoUnit.DAYS.between(theft, next);
        if (days > bracketEdgeDays) {
            return Optional.empty();
        }
        return Optional.of(new Signal(
                "bracket-edge",
                "theft " + days + " days before the purchase anniversary " + next + " that lowers the payout",
                Map.of(
                        "anniversary",
                        next.toString(),
                        "days",
                        days,
                        "purchaseDate",
                        in.purchaseDate().toString())));
    }

    private Optional<Signal> repeated(Input in) {
        Map<String, Object> hits = new LinkedHashMap<>();
        in.earlierClaims().forEach((key, ids) -> {
            if (!ids.isEmpty()) {
                hits.put(key, List.copyOf(ids));
            }
        });
        if (hits.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Signal(
                "repeat-claims", "earlier theft claims by the same " + String.join(", ", hits.keySet()), hits));
    }

    /** Great-circle distance in metres (spherical Earth; enough for a proximity test). */
    static double metres(double lat1, double lon1, double lat2, double lon2) {
        double r = 6_371_008.8;
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double h =
                Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
