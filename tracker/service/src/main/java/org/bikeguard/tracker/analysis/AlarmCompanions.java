package org.bikeguard.tracker.analysis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.bikeguard.tracker.alert.Alarm;
import org.bikeguard.tracker.alert.AlarmHub;
import org.bikeguard.tracker.station.StationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The companions of a stolen tag's last hour, on its alarm: a {@code companions} field (the
 * {@code companions} list of {@code GET /api/v1/police/companions}, at least
 * {@value #MIN_STATIONS} places, or an empty list) put on every {@code stolen} alarm by the alarm
 * hub's thread before it is delivered. The query has a budget of {@link #BUDGET} (PostgreSQL
 * {@code statement_timeout}); past it, or on any failure, the field is {@code null} and the alarm
 * goes out anyway. Reads the persisted sightings only (the last checkpoint interval is not seen).
 * The field is on the live and catch-up-from-memory alarms, not on alarms read back from the
 * database. Thread-safe.
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

    public AlarmCompanions(DataSource ds, StationRegistry stations) {
        this.ds = ds;
        this.stations = stations;
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
            List<Companions.Companion> found =
                    CompanionQuery.run(ds, stations, alarm.tag(), from, to, 60_000, MIN_STATIONS, BUDGET.toMillis());
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
}
