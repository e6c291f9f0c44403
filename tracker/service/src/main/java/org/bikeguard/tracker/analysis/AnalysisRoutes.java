package org.bikeguard.tracker.analysis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Params;
import org.bikeguard.common.web.Responses;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.alert.WatchList;
import org.bikeguard.tracker.audit.Actor;
import org.bikeguard.tracker.audit.AuditLog;
import org.bikeguard.tracker.audit.CaseRule;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.station.StationRegistry;
import org.bikeguard.tracker.trajectory.IsoTimes;

/**
 * The investigative analyses of the police console (police, admin; every call audited before
 * data is read):
 * <ul>
 * <li>{@code GET /api/v1/police/companions?tag=&from=&to=[&caseNo=][&windowS=60][&minStations=3]}:
 * the tags seen with {@code tag} (window at most {@value #MAX_DAYS} days), {@link Companions};
 * a police query on a tag that is neither watched nor under an open theft case must give
 * {@code caseNo} (the rule of {@link CaseRule})</li>
 * <li>{@code GET /api/v1/police/dens?from=&to=}: the likely fence dens, {@link Dens}; each den
 * flagged {@code new} when no stolen bike left evidence near it in the equally long window
 * before {@code from}</li>
 * </ul>
 * Thread-safe.
 */
public final class AnalysisRoutes {

    static final int MAX_DAYS = 31;

    private final Blocking blocking;
    private final DataSource ds;
    private final StationRegistry stations;
    private final WatchList watchList;
    private final AuditLog audit;
    private final CaseRule caseRule;
    private final ZoneId zone;
    private final DenQuery.Live live;

    /**
     * @param blocking the workers for the audit rows and the queries
     * @param zone     the city's time zone (what "night" means for den dwells)
     * @param engine   the open and not yet persisted sightings (of the stolen bikes, for dens)
     */
    public AnalysisRoutes(
            Blocking blocking,
            DataSource ds,
            StationRegistry stations,
            WatchList watchList,
            AuditLog audit,
            CaseRule caseRule,
            ZoneId zone,
            org.bikeguard.tracker.correlate.SightingEngine engine) {
        this.blocking = blocking;
        this.ds = ds;
        this.stations = stations;
        this.watchList = watchList;
        this.audit = audit;
        this.caseRule = caseRule;
        this.zone = zone;
        this.live = DenFinder.live(engine, stations);
    }

    /** Mounts the routes (after the API's bearer-token authentication). */
    public void mount(Router r) {
        var roles = BearerAuth.requireRole(Role.POLICE, Role.ADMIN);
        r.get("/api/v1/police/companions").handler(roles).handler(this::companions);
        r.get("/api/v1/police/dens").handler(roles).handler(this::dens);
    }

    private void companions(RoutingContext ctx) {
        String t = ctx.queryParams().get("tag");
        if (t == null || !TagIds.isValid(t)) {
            throw BadInputException.invalid("tag", "must be 1..16 hexadecimal digits");
        }
        long tag = TagIds.parse(t);
        Instant from = Params.instant(ctx, "from");
        Instant to = Params.instant(ctx, "to");
        window(from, to);
        String caseNo = caseNo(ctx.queryParams().get("caseNo"));
        long windowMs = Params.optionalLong(ctx, "windowS", 60, 5, 600) * 1000;
        int minStations = (int) Params.optionalLong(ctx, "minStations", 3, 2, 20);
        Role role = BearerAuth.role(ctx);
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    var watched = caseNo == null ? watchList.get(tag) : null;
                    CaseRule.Resolved rule = watched != null
                            ? new CaseRule.Resolved(watched.caseNo(), null)
                            : caseRule.forTag(role, tag, caseNo);
                    JsonObject details = new JsonObject()
                            .put("from", IsoTimes.format(from))
                            .put("to", IsoTimes.format(to))
                            .put("windowS", windowMs / 1000)
                            .put("minStations", minStations);
                    audit.record(actor, "police.companions", TagIds.format(tag), rule.caseNo(), rule.details(details));
                    List<Companions.Companion> found =
                            CompanionQuery.run(ds, stations, tag, from, to, windowMs, minStations);
                    return companionsJson(
                            tag,
                            from,
                            to,
                            found,
                            Plates.of(
                                    ds,
                                    found.stream()
                                            .map(Companions.Companion::tag)
                                            .toList()));
                })
                .onSuccess(json -> Responses.json(ctx, 200, json))
                .onFailure(ctx::fail);
    }

    /** The wire form of companions, shared with the alarm's {@code companions} field. */
    static JsonObject companionsJson(
            long tag, Instant from, Instant to, List<Companions.Companion> found, Map<Long, String> plates) {
        JsonArray list = new JsonArray();
        for (Companions.Companion c : found) {
            JsonArray together = new JsonArray();
            for (Companions.Together x : c.together()) {
                together.add(new JsonObject().put("station", x.station()).put("at", IsoTimes.format(x.at())));
            }
            list.add(new JsonObject()
                    .put("tag", TagIds.format(c.tag()))
                    .put("plate", plates.get(c.tag()))
                    .put("stations", c.stations())
                    .put("together", together)
                    .put("score", c.score()));
        }
        return new JsonObject()
                .put("tag", TagIds.format(tag))
                .put("from", IsoTimes.format(from))
                .put("to", IsoTimes.format(to))
                .put("companions", list);
    }

    private void dens(RoutingContext ctx) {
        Instant from = Params.instant(ctx, "from");
        Instant to = Params.instant(ctx, "to");
        window(from, to);
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    audit.record(
                            actor,
                            "police.dens",
                            "dens",
                            null,
                            new JsonObject().put("from", IsoTimes.format(from)).put("to", IsoTimes.format(to)));
                    return DenFinder.find(ds, stations, zone, from, to, live);
                })
                .onSuccess(json -> Responses.json(ctx, 200, json))
                .onFailure(ctx::fail);
    }

    private static String caseNo(String v) {
        if (v == null) {
            return null;
        }
        if (v.isBlank() || v.length() > 64) {
            throw BadInputException.invalid("caseNo", "must be 1..64 characters");
        }
        return v;
    }

    private static void window(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw BadInputException.invalid("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw BadInputException.invalid("to", "the window from..to may span at most " + MAX_DAYS + " days");
        }
    }
}
