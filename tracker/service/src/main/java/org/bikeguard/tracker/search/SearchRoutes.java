package org.bikeguard.tracker.search;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Responses;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.audit.Actor;
import org.bikeguard.tracker.audit.AuditLog;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.correlate.Sighting;
import org.bikeguard.tracker.correlate.SightingEngine;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.station.StationRegistry;
import org.bikeguard.tracker.trajectory.IsoTimes;

/**
 * {@code GET /api/v1/search?q=} (police, admin): the bikes a plate, frame number, tag, owner phone
 * or scanned QR certificate text finds ({@link RegistrySearch}), as {@code {"q","results":[{"kind",
 * "bikeId","tag","plate","frameNo","brand","model","colour","status","ownerId","owner":{"name",
 * "phone","masked":true},"openCase":{"id","caseNo","status"}|null,"lastSeen":{"station",
 * "stationName","at","open"}|null}]}}. The owner is masked (the full record is
 * {@code GET /api/v1/owners/{id}?reveal=true}, audited {@code owner.reveal}); last seen merges the
 * persisted sightings with the engine's open ones. Each search is audited ({@code search}: the
 * readings, the bikes found, and the text unless it reads as a phone number) before the answer.
 * A blank, over-long or control-character {@code q} is 400. Thread-safe.
 */
public final class SearchRoutes {

    private final Vertx vertx;
    private final Blocking blocking;
    private final DataSource ds;
    private final SightingEngine engine;
    private final StationRegistry stations;
    private final AuditLog audit;

    /** @param blocking the workers for the registry look-ups and the audit row */
    public SearchRoutes(
            Vertx vertx,
            Blocking blocking,
            DataSource ds,
            SightingEngine engine,
            StationRegistry stations,
            AuditLog audit) {
        this.vertx = vertx;
        this.blocking = blocking;
        this.ds = ds;
        this.engine = engine;
        this.stations = stations;
        this.audit = audit;
    }

    /** Mounts the route (after the bearer-token authentication). */
    public void mount(Router r) {
        r.get("/api/v1/search")
                .handler(BearerAuth.requireRole(Role.POLICE, Role.ADMIN))
                .handler(this::search);
    }

    private void search(RoutingContext ctx) {
        String q = ctx.queryParams().get("q");
        RegistrySearch.Readings readings = RegistrySearch.read(q);
        Actor actor = Actor.of(ctx);
        blocking.run(() -> RegistrySearch.run(ds, readings))
                .compose(hits -> withLive(hits)
                        .compose(results -> blocking.run(() -> {
                            JsonArray kinds = new JsonArray();
                            JsonArray bikes = new JsonArray();
                            hits.forEach(h -> {
                                bikes.add(h.bikeId());
                                if (!kinds.contains(h.kind().wire)) {
                                    kinds.add(h.kind().wire);
                                }
                            });
                            JsonObject details =
                                    new JsonObject().put("kinds", kinds).put("bikes", bikes);
                            if (readings.phone() == null) {
                                details.put("q", q.strip());
                            }
                            audit.record(actor, "search", "registry", null, details);
                            return new JsonObject()
                                    .put("q", q.strip())
                                    .put("count", results.size())
                                    .put("results", results);
                        })))
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }

    /** The hits as JSON, each last seen from the later of the persisted and the engine's sightings. */
    private Future<JsonArray> withLive(List<RegistrySearch.Hit> hits) {
        List<Future<List<Sighting>>> live = new ArrayList<>(hits.size());
        for (RegistrySearch.Hit h : hits) {
            live.add(
                    h.tag() == null
                            ? Future.succeededFuture(List.of())
                            : Future.fromCompletionStage(engine.sightingsOf(h.tag()), vertx.getOrCreateContext()));
        }
        return Future.all(live).map(x -> {
            JsonArray out = new JsonArray();
            for (int i = 0; i < hits.size(); i++) {
                out.add(json(hits.get(i), live.get(i).result()));
            }
            return out;
        });
    }

    private JsonObject json(RegistrySearch.Hit h, List<Sighting> live) {
        String station = h.lastStation();
        long at = h.lastSeen() == null ? Long.MIN_VALUE : h.lastSeen().toEpochMilli();
        boolean open = false;
        for (Sighting s : live) {
            Station st = stations.byIndex(s.station());
            if (st != null && s.lastSeen() > at) {
                station = st.id();
                at = s.lastSeen();
                open = s.open();
            }
        }
        Station st = station == null ? null : stations.byId(station);
        return new JsonObject()
                .put("kind", h.kind().wire)
                .put("bikeId", h.bikeId())
                .put("tag", h.tag() == null ? null : TagIds.format(h.tag()))
                .put("plate", h.plate())
                .put("frameNo", h.frameNo())
                .put("brand", h.brand())
                .put("model", h.model())
                .put("colour", h.colour())
                .put("status", h.status())
                .put("ownerId", h.ownerId())
                .put(
                        "owner",
                        new JsonObject()
                                .put("name", maskName(h.ownerName()))
                                .put("phone", maskPhone(h.ownerPhone()))
                                .put("masked", true))
                .put(
                        "openCase",
                        h.caseId() == null
                                ? null
                                : new JsonObject()
                                        .put("id", h.caseId())
                                        .put("caseNo", h.caseNo())
                                        .put("status", h.caseStatus()))
                .put(
                        "lastSeen",
                        station == null
                                ? null
                                : new JsonObject()
                                        .put("station", station)
                                        .put("stationName", st == null ? null : st.name())
                                        .put("at", IsoTimes.format(at))
                                        .put("open", open));
    }

    /** The first character, the rest as {@code *}: 张三丰 → 张**. */
    static String maskName(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }

    /** The first 3 and last 4 digits: 13912345678 → 139****5678. */
    static String maskPhone(String phone) {
        if (phone == null || phone.length() < 8) {
            return phone == null ? null : "*".repeat(phone.length());
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }
}
