package org.bikeguard.claims.testsupport;

import io.vertx.core.Future;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.tracker.TrackerGateway;

/** In-memory tracker for tests: registry, theft cases, sightings and stations put in by hand. Thread-safe. */
public final class FakeTracker implements TrackerGateway {

    public final Map<String, Bike> bikes = new ConcurrentHashMap<>();
    public final Map<String, Owner> owners = new ConcurrentHashMap<>();
    public final Map<String, TheftCase> cases = new ConcurrentHashMap<>();
    public final Map<String, Station> stations = new ConcurrentHashMap<>();
    public final Map<String, List<Sighting>> sightings = new ConcurrentHashMap<>();
    /**
     * While set, every read goes to this gateway instead (e.g. the real {@code HttpTrackerGateway}
     * against a closed port: the tracker down, failing the way it fails in production).
     */
    public volatile TrackerGateway outage;
    /** Every read asked through {@link #onBehalfOf}, as {@code "<what> <id> as <token>"}, in order. */
    public final List<String> onBehalf = new CopyOnWriteArrayList<>();

    /** Adds an owner whose login is their phone. */
    public Owner owner(String id, String phone, String idNumber, String home) {
        Owner o = new Owner(id, "车主" + id, idNumber, phone, phone, home);
        owners.put(id, o);
        return o;
    }

    /** Adds a bike. */
    public Bike bike(String id, String ownerId, String purchaseDate, String tag) {
        Bike b = new Bike(id, ownerId, "衡阳A" + id, "FR" + id, LocalDate.parse(purchaseDate), 300_000, tag);
        bikes.put(id, b);
        return b;
    }

    /** Marks a bike as the registry shows it with an open theft case ({@code stolen}). */
    public Bike markStolen(String id) {
        Bike b = bikes.get(id);
        Bike stolen = new Bike(
                b.id(), b.ownerId(), b.plate(), b.frameNo(), b.purchaseDate(), b.purchasePriceFen(), b.tag(), "stolen");
        bikes.put(id, stolen);
        return stolen;
    }

    /** Adds a confirmed theft case. */
    public TheftCase confirmedTheft(String id, String bikeId, String stolenAt) {
        Instant t = Instant.parse(stolenAt);
        TheftCase c = new TheftCase(
                id, bikeId, "confirmed", "HY2026-" + id, t, t.plusSeconds(3600), t.plusSeconds(7200), null);
        cases.put(id, c);
        return c;
    }

    /** The police found the bike of case {@code id} at {@code at}: the case becomes {@code recovered}. */
    public TheftCase recovered(String id, String at) {
        TheftCase c = cases.get(id);
        TheftCase found = new TheftCase(
                c.id(),
                c.bikeId(),
                "recovered",
                c.caseNo(),
                c.stolenAt(),
                c.reportedAt(),
                c.confirmedAt(),
                Instant.parse(at));
        cases.put(id, found);
        return found;
    }

    /** Adds a sighting of {@code tag}. */
    public void sighting(String tag, String station, String first, String last) {
        sightings
                .computeIfAbsent(tag, k -> new CopyOnWriteArrayList<>())
                .add(new Sighting(station, Instant.parse(first), Instant.parse(last), 10, -60, false));
    }

    @Override
    public Future<Bike> bike(String bikeId) {
        TrackerGateway down = outage;
        return down != null ? down.bike(bikeId) : found(bikes.get(bikeId), "bike " + bikeId);
    }

    @Override
    public Future<Owner> owner(String ownerId) {
        TrackerGateway down = outage;
        return down != null ? down.owner(ownerId) : found(owners.get(ownerId), "owner " + ownerId);
    }

    @Override
    public Future<TheftCase> theftCase(String caseId) {
        TrackerGateway down = outage;
        return down != null ? down.theftCase(caseId) : found(cases.get(caseId), "theft case " + caseId);
    }

    @Override
    public Future<List<Sighting>> sightings(String tag, Instant from, Instant to) {
        TrackerGateway down = outage;
        if (down != null) {
            return down.sightings(tag, from, to);
        }
        List<Sighting> out = new ArrayList<>();
        for (Sighting s : sightings.getOrDefault(tag, List.of())) {
            if (s.lastSeen().isAfter(from) && s.firstSeen().isBefore(to)) {
                out.add(s);
            }
        }
        return Future.succeededFuture(out);
    }

    @Override
    public Future<Station> station(String stationId) {
        TrackerGateway down = outage;
        return down != null ? down.station(stationId) : found(stations.get(stationId), "station " + stationId);
    }

    /** This tracker, recording each read with the token it was asked on behalf of. */
    @Override
    public TrackerGateway onBehalfOf(String token) {
        if (token == null) {
            return this;
        }
        FakeTracker self = this;
        return new TrackerGateway() {
            @Override
            public Future<Bike> bike(String bikeId) {
                onBehalf.add("bike " + bikeId + " as " + token);
                return self.bike(bikeId);
            }

            @Override
            public Future<Owner> owner(String ownerId) {
                onBehalf.add("owner " + ownerId + " as " + token);
                return self.owner(ownerId);
            }

            @Override
            public Future<TheftCase> theftCase(String caseId) {
                onBehalf.add("theftCase " + caseId + " as " + token);
                return self.theftCase(caseId);
            }

            @Override
            public Future<List<Sighting>> sightings(String tag, Instant from, Instant to) {
                onBehalf.add("sightings " + tag + " as " + token);
                return self.sightings(tag, from, to);
            }

            @Override
            public Future<Station> station(String stationId) {
                onBehalf.add("station " + stationId + " as " + token);
                return self.station(stationId);
            }
        };
    }

    private static <T> Future<T> found(T v, String what) {
        return v == null ? Future.failedFuture(ClaimsException.notFound(what)) : Future.succeededFuture(v);
    }
}
