package org.bikeguard.tracker.casework;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Bodies;
import org.bikeguard.common.web.Params;
import org.bikeguard.common.web.Responses;
import org.bikeguard.tracker.audit.Actor;
import org.bikeguard.tracker.audit.AuditLog;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.registry.Bike;
import org.bikeguard.tracker.registry.Bikes;
import org.bikeguard.tracker.registry.RegistryException;
import org.bikeguard.tracker.registry.RegistryJson;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.station.StationRegistry;
import org.bikeguard.tracker.theft.Evidence;
import org.bikeguard.tracker.theft.TheftCase;
import org.bikeguard.tracker.theft.TheftCases;
import org.bikeguard.tracker.theft.TheftJson;

/**
 * The police case workspace (police, admin; every read audited before data is read):
 * <ul>
 * <li>{@code GET /api/v1/police/cases?status=&from=&to=&area=&page=&size=}: the cases, newest theft
 * first, paged ({@code case.list})</li>
 * <li>{@code GET /api/v1/police/case?caseNo=} (or {@code ?id=} for a case not yet confirmed): the
 * case, its bike, its pinned evidence (summaries), its alarms and notes ({@code case.read})</li>
 * <li>{@code POST /api/v1/police/cases/{id}/notes} {@code {"kind":"note"|"handover","text","next"?}}
 * (police): a note or a shift handover ({@code case.note})</li>
 * <li>{@code GET /api/v1/police/cases/{id}/report[?evidenceId=]}: the printable report from the
 * evidence pinned at confirmation (or the one named), stations with their names, under a fresh
 * audit reference ({@code case.report}, details {@code reference})</li>
 * </ul>
 * Confirm, recover, close and fresh evidence are the theft routes ({@code /api/v1/thefts/{id}/...}).
 * Times are ISO-8601 UTC. Thread-safe.
 */
public final class CaseRoutes {

    static final int MAX_PAGE_SIZE = 200;
    private static final Set<String> STATUSES =
            Set.of(TheftCase.REPORTED, TheftCase.CONFIRMED, TheftCase.RECOVERED, TheftCase.CLOSED);

    private final Blocking blocking;
    private final TheftCases thefts;
    private final Bikes bikes;
    private final StationRegistry stations;
    private final AuditLog audit;
    private final CaseNotes notes;
    private final CaseAlarms alarms;
    private final CaseReport reports;

    /**
     * @param blocking the workers for JDBC and the audit rows
     * @param clock    the tracker's clock: note times, report times and references
     */
    public CaseRoutes(
            Blocking blocking,
            DataSource ds,
            TheftCases thefts,
            Bikes bikes,
            StationRegistry stations,
            AuditLog audit,
            Clock clock) {
        this.blocking = blocking;
        this.thefts = thefts;
        this.bikes = bikes;
        this.stations = stations;
        this.audit = audit;
        this.notes = new CaseNotes(ds, clock);
        this.alarms = new CaseAlarms(ds);
        this.reports = new CaseReport(stations, clock);
    }

    /** Mounts the routes (after the bearer-token authentication). */
    public void mount(Router r) {
        var readers = BearerAuth.requireRole(Role.POLICE, Role.ADMIN);
        r.get("/api/v1/police/cases").handler(readers).handler(this::list);
        r.get("/api/v1/police/case").handler(readers).handler(this::open);
        r.post("/api/v1/police/cases/:id/notes")
                .handler(BearerAuth.requireRole(Role.POLICE))
                .handler(this::note);
        r.get("/api/v1/police/cases/:id/report").handler(readers).handler(this::report);
    }

    private void list(RoutingContext ctx) {
        String status = ctx.queryParams().get("status");
        if (status != null && !status.isBlank() && !STATUSES.contains(status)) {
            throw BadInputException.invalid("status", "must be one of reported, confirmed, recovered, closed");
        }
        Instant from = optionalInstant(ctx, "from");
        Instant to = optionalInstant(ctx, "to");
        if (from != null && to != null && !to.isAfter(from)) {
            throw BadInputException.invalid("to", "must be after from");
        }
        String area = ctx.queryParams().get("area");
        List<String> inArea = area == null || area.isBlank() ? null : stationsIn(area);
        int page = (int) Params.optionalLong(ctx, "page", 0, 0, 100_000);
        int size = (int) Params.optionalLong(ctx, "size", 50, 1, MAX_PAGE_SIZE);
        TheftCases.Filter f =
                new TheftCases.Filter(status == null || status.isBlank() ? null : status, from, to, inArea);
        JsonObject details = new JsonObject()
                .put("status", f.status())
                .put("from", RegistryJson.time(from))
                .put("to", RegistryJson.time(to))
                .put("area", area)
                .put("page", page);
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    audit.record(actor, "case.list", "thefts", null, details);
                    TheftCases.Page p = inArea != null && inArea.isEmpty()
                            ? new TheftCases.Page(0, List.of())
                            : thefts.page(f, page * size, size);
                    return new JsonObject()
                            .put("page", page)
                            .put("size", size)
                            .put("total", p.total())
                            .put("cases", RegistryJson.array(p.cases(), TheftJson::theft));
                })
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }

    /** The ids of the stations inside {@code minLon,minLat,maxLon,maxLat} (degrees WGS84). */
    private List<String> stationsIn(String area) {
        String[] p = area.split(",");
        double[] v = new double[4];
        try {
            if (p.length != 4) {
                throw new NumberFormatException();
            }
            for (int i = 0; i < 4; i++) {
                v[i] = Double.parseDouble(p[i].trim());
            }
        } catch (NumberFormatException e) {
            throw BadInputException.invalid("area", "must be minLon,minLat,maxLon,maxLat (degrees)");
        }
        if (!(v[0] >= -180 && v[2] <= 180 && v[1] >= -90 && v[3] <= 90 && v[0] < v[2] && v[1] < v[3])) {
            throw BadInputException.invalid("area", "must be minLon,minLat,maxLon,maxLat with min < max, in range");
        }
        List<String> out = new ArrayList<>();
        for (Station s : stations.all()) {
            if (s.lon() >= v[0] && s.lon() <= v[2] && s.lat() >= v[1] && s.lat() <= v[3]) {
                out.add(s.id());
            }
        }
        return out;
    }

    private void open(RoutingContext ctx) {
        String caseNo = ctx.queryParams().get("caseNo");
        String idText = ctx.queryParams().get("id");
        if ((caseNo == null || caseNo.isBlank()) == (idText == null || idText.isBlank())) {
            throw BadInputException.malformed("give exactly one of the query parameters caseNo and id");
        }
        long id = idText == null || idText.isBlank() ? 0 : Params.positiveId(idText.trim());
        if (id < 0) {
            throw BadInputException.invalid("id", "must be a positive case id");
        }
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    TheftCase t = id > 0
                            ? thefts.byId(id).orElseThrow(() -> RegistryException.notFound("theft case", id))
                            : thefts.byCaseNo(caseNo.trim())
                                    .orElseThrow(() -> RegistryException.notFound("case number", caseNo.trim()));
                    audit.record(
                            actor,
                            "case.read",
                            "bike:" + t.bikeId(),
                            t.caseNo(),
                            new JsonObject().put("caseId", t.id()));
                    Bike b = bikes.byId(t.bikeId()).orElse(null);
                    JsonArray evidence = new JsonArray();
                    for (Evidence e : thefts.evidence(t.id())) {
                        evidence.add(CaseReport.summary(e));
                    }
                    return new JsonObject()
                            .put("case", TheftJson.theft(t))
                            .put("bike", b == null ? null : RegistryJson.bike(b))
                            .put("evidence", evidence)
                            .put("alarms", new JsonArray(alarms.of(t.id())))
                            .put("notes", RegistryJson.array(notes.of(t.id()), CaseNotes.Note::json));
                })
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }

    private void note(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "theft case");
        JsonObject b = Bodies.jsonObject(ctx);
        String kind = Bodies.optionalString(b, "kind");
        String text = Bodies.optionalString(b, "text");
        String next = Bodies.optionalString(b, "next");
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    CaseNotes.Note n =
                            notes.add(id, kind == null ? CaseNotes.NOTE : kind, text, next, actor.username());
                    TheftCase t = thefts.byId(id).orElseThrow(() -> RegistryException.notFound("theft case", id));
                    audit.record(
                            actor,
                            "case.note",
                            "bike:" + t.bikeId(),
                            t.caseNo(),
                            new JsonObject()
                                    .put("caseId", id)
                                    .put("noteId", n.id())
                                    .put("kind", n.kind()));
                    return n.json();
                })
                .onSuccess(o -> Responses.json(ctx, 201, o))
                .onFailure(ctx::fail);
    }

    private void report(RoutingContext ctx) {
        long id = Params.pathId(ctx, "id", "theft case");
        long evidenceId = Params.optionalLong(ctx, "evidenceId", 0, 0, Long.MAX_VALUE);
        Actor actor = Actor.of(ctx);
        blocking.run(() -> {
                    TheftCase t = thefts.byId(id).orElseThrow(() -> RegistryException.notFound("theft case", id));
                    List<Evidence> pinned = thefts.evidence(id);
                    Evidence e = pinned.stream()
                            .filter(x -> evidenceId == 0 || x.id() == evidenceId)
                            .findFirst()
                            .orElseThrow(() -> evidenceId == 0
                                    ? RegistryException.conflict(
                                            "case " + id + " has no pinned evidence (it is " + t.status() + ")",
                                            Map.of("status", t.status()))
                                    : RegistryException.notFound("evidence", evidenceId));
                    String reference = reports.reference();
                    audit.record(
                            actor,
                            "case.report",
                            "bike:" + t.bikeId(),
                            t.caseNo(),
                            new JsonObject()
                                    .put("caseId", id)
                                    .put("evidenceId", e.id())
                                    .put("reference", reference));
                    Bike b = bikes.byId(t.bikeId()).orElse(null);
                    return reports.json(reference, actor.username(), t, b, e, notes.of(id));
                })
                .onSuccess(o -> Responses.json(ctx, 200, o))
                .onFailure(ctx::fail);
    }

    private static Instant optionalInstant(RoutingContext ctx, String name) {
        String v = ctx.queryParams().get(name);
        return v == null || v.isBlank() ? null : Params.instant(ctx, name);
    }
}
