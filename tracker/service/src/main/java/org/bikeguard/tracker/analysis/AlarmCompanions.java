package org.bikeguard.tracker.analysis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.bikeguard.tracker.alert.Alarm;
import org.bikeguard.tracker.alert.AlarmHub;
import org.bikeguard.tracker.correlate.Sighting;
import org.bikeguard.tracker.correlate.SightingEngine;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.station.StationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The companions of a stolen tag's last hour, on its alarm: a {@code companions} field (the
 * {@code companions} list of {@code GET /api/v1/police/companions}, at least
 * {@value #MIN_STATIONS} places, or an empty list) put on every {@code stolen} alarm after it has
 * gone out, on the hub's enrichment thread (the hub stores them with the alarm and sends the
 * alarm again as an update). The persisted sightings are read together with the sighting
 * engine's open ones and closed ones not yet checkpointed ({@link SightingEngine#sightingsOf},
 * {@link SightingEngine#sightingsAt}), so a bike in the same van whose sightings are all still
 * open is found. The database query has a budget of {@link #BUDGET} (PostgreSQL
 * {@code statement_timeout}), each engine call too; past the database's, or on any failure, the
 * field is {@code null}; an engine that does not answer in time leaves the persisted sightings
 * only. Thread-safe.
 */
public final class AlarmCompanions implements AlarmHub.Enricher {

    /** How far back the companions are looked for. */
    public static final Duration LOOKBACK = Duration.ofHours(1);
    /** The query's time budget. */
    public static final Duration BUDGET = Duration.ofMillis(250);
    /** Distinct non-neighbouring places a companion of one hour must share. */
    static final int MIN_STATIONS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(AlarmCompanions.class);
    private final DataSource ds;
    private final StationRegistry stations;
    private final SightingEngine engine;

    /** @param engine the open and not yet persisted sightings */
    public AlarmCompanions(DataSource ds, StationRegistry stations, SightingEngine engine) {
        this.ds = ds;
        this.stations = stations;
        this.engine = engine;
    }

    /** Installs this on {@code hub}. */
    public void install(AlarmHub hub) {
        hub.enrichStolen(this);
    }

    @Override
    public void enrich(Alarm alarm, JsonObject json) {
        Instant to = Instant.ofEpochMilli(alarm.at()).plusSeconds(1);
        Instant from = to.minus(LOOKBACK);
        try {
            List<Companions.Companion> found = CompanionQuery.run(
                    ds, stations, alarm.tag(), from, to, 60_000, MIN_STATIONS, BUDGET.toMillis(), this::live);
            JsonObject body = AnalysisRoutes.companionsJson(
                    alarm.tag(),
                    from,
                    to,
                    found,
                    Plates.of(ds, found.stream().map(Companions.Companion::tag).toList()));
            json.put("companions", body.getJsonArray("companions", new JsonArray()));
        } catch (java.sql.SQLException | RuntimeException e) {
            LOG.debug("no companions on the alarm [id: {}, error: {}]", alarm.id(), e.toString());
            json.putNull("companions");
        }
    }

    /** The engine's sightings of {@code tag} and at its stations (empty when the engine does not answer in time). */
    private List<CompanionQuery.Seen> live(long tag, Set<String> at, long from, long to) {
        List<CompanionQuery.Seen> out = new ArrayList<>();
        try {
            List<Sighting> own =
                    engine.sightingsOf(tag).toCompletableFuture().get(BUDGET.toMillis(), TimeUnit.MILLISECONDS);
            BitSet where = new BitSet();
            for (String id : at) {
                Station s = stations.byId(id);
                if (s != null) {
                    where.set(s.idx());
                }
            }
            for (Sighting s : own) {
                if (s.firstSeen() < to && s.lastSeen() >= from) {
                    where.set(s.station());
                    add(out, s);
                }
            }
            if (!where.isEmpty()) {
                for (Sighting s : engine.sightingsAt(where, from, to)
                        .toCompletableFuture()
                        .get(BUDGET.toMillis(), TimeUnit.MILLISECONDS)) {
                    add(out, s);
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            LOG.debug("alarm companions without the engine's sightings [tag: {}, error: {}]", tag, e.toString());
            return List.of();
        }
    }

    private void add(List<CompanionQuery.Seen> out, Sighting s) {
        Station st = stations.byIndex(s.station());
        if (st != null) {
            out.add(new CompanionQuery.Seen(s.tag(), st.id(), s.firstSeen()));
        }
    }
}
