package org.bikeguard.claims.fraud;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bikeguard.claims.tracker.TrackerGateway;
import org.bikeguard.claims.tracker.TrackerGateway.Sighting;
import org.bikeguard.claims.tracker.TrackerGateway.Station;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers a theft's evidence from the tracker: the tag's sightings in the 30 days before the
 * reported theft and up to 30 days after it (never past now), and the stations involved. A
 * tracker failure yields {@link TheftEvidence#unavailable} instead of failing the claim.
 * Non-blocking; thread-safe.
 */
public final class EvidenceCollector {

    private static final Logger LOG = LoggerFactory.getLogger(EvidenceCollector.class);

    private final TrackerGateway tracker;
    private final Clock clock;

    public EvidenceCollector(TrackerGateway tracker, Clock clock) {
        this.tracker = tracker;
        this.clock = clock;
    }

    /** The same collector, reading through {@code tracker} (e.g. {@link TrackerGateway#onBehalfOf}). */
    public EvidenceCollector via(TrackerGateway tracker) {
        return new EvidenceCollector(tracker, clock);
    }

    /** Collects the evidence for {@code tag} around {@code stolenAt}; never fails. */
    public Future<TheftEvidence> collect(String tag, Instant stolenAt, String homeStation) {
        Instant from = stolenAt.minus(TheftEvidence.WINDOW);
        Instant now = clock.instant();
        Instant to = stolenAt.plus(TheftEvidence.WINDOW).isBefore(now) ? stolenAt.plus(TheftEvidence.WINDOW) : now;
        if (tag == null) {
            return Future.succeededFuture(TheftEvidence.unavailable(from, to, homeStation));
        }
        Future<List<Sighting>> before = tracker.sightings(tag, from, stolenAt);
        Future<List<Sighting>> after =
                to.isAfter(stolenAt) ? tracker.sightings(tag, stolenAt, to) : Future.succeededFuture(List.of());
        return Future.all(before, after)
                .compose(cf -> {
                    Map<String, Sighting> unique = new HashMap<>();
                    for (Sighting s : concat(before.result(), after.result())) {
                        unique.put(s.station() + "@" + s.firstSeen(), s);
                    }
                    List<Sighting> all = new ArrayList<>(unique.values());
                    Set<String> ids = new LinkedHashSet<>();
                    all.forEach(s -> ids.add(s.station()));
                    if (homeStation != null) {
                        ids.add(homeStation);
                    }
                    return stations(ids).map(st -> new TheftEvidence(true, from, to, all, st, homeStation));
                })
                .recover(err -> {
                    LOG.warn("evidence unavailable [tag: {}, reason: {}]", tag, err.getMessage());
                    return Future.succeededFuture(TheftEvidence.unavailable(from, to, homeStation));
                });
    }

    private Future<Map<String, Station>> stations(Set<String> ids) {
        List<Future<Station>> fs = new ArrayList<>();
        for (String id : ids) {
            fs.add(tracker.station(id).recover(e -> Future.succeededFuture(null)));
        }
        return Future.all(fs).map(cf -> {
            Map<String, Station> out = new HashMap<>();
            for (Future<Station> f : fs) {
                if (f.result() != null) {
                    out.put(f.result().id(), f.result());
                }
            }
            return out;
        });
    }

    private static List<Sighting> concat(List<Sighting> a, List<Sighting> b) {
        List<Sighting> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
