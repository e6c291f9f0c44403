package org.bikeguard.tracker.theft;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.bikeguard.common.web.BadInputException;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Responses;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.Role;

/**
 * When bikes are stolen, for the police console's heat map (police, admin; after the API's
 * bearer-token authentication):
 * {@code GET /api/v1/police/theft-heatmap[?from=YYYY-MM-DD][&to=YYYY-MM-DD]} → {@code {"zone",
 * "from","to","total","max","cells":[[24 counts] × 7]}}: theft reports (every case, whatever its
 * status) counted by the weekday ({@code cells[0]} Monday .. {@code cells[6]} Sunday) and hour of
 * day of their {@code stolen_at}, in Asia/Shanghai; {@code from} and {@code to} are inclusive days of
 * that zone (at most 3 years; default the 90 days up to today by the tracker clock). Counts only:
 * nothing about a case or a person, so not audited. Thread-safe.
 */
public final class TheftHeatmapRoutes {

    /** The city's zone. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Longest window, in days. */
    static final int MAX_DAYS = 3 * 366;

    private final Blocking blocking;
    private final DataSource ds;
    private final Clock clock;

    /** @param clock the tracker's clock ("today") */
    public TheftHeatmapRoutes(Blocking blocking, DataSource ds, Clock clock) {
        this.blocking = blocking;
        this.ds = ds;
        this.clock = clock;
    }

    public void mount(Router r) {
        r.get("/api/v1/police/theft-heatmap")
                .handler(BearerAuth.requireRole(Role.POLICE, Role.ADMIN))
                .handler(this::heatmap);
    }

    private void heatmap(RoutingContext ctx) {
        LocalDate to = date(ctx, "to", LocalDate.now(clock.withZone(ZONE)));
        LocalDate from = date(ctx, "from", to.minusDays(89));
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days < 1 || days > MAX_DAYS) {
            throw BadInputException.invalid("from", "must be on or before to, at most " + MAX_DAYS + " days before");
        }
        blocking.run(() -> cells(from, to))
                .onSuccess(cells -> {
                    long total = 0;
                    long max = 0;
                    JsonArray rows = new JsonArray();
                    for (long[] day : cells) {
                        JsonArray row = new JsonArray();
                        for (long n : day) {
                            row.add(n);
                            total += n;
                            max = Math.max(max, n);
                        }
                        rows.add(row);
                    }
                    Responses.json(
                            ctx,
                            200,
                            new JsonObject()
                                    .put("zone", ZONE.getId())
                                    .put("from", from.toString())
                                    .put("to", to.toString())
                                    .put("total", total)
                                    .put("max", max)
                                    .put("cells", rows));
                })
                .onFailure(ctx::fail);
    }

    /** [weekday 0 = Monday][hour]. Blocking. */
    private long[][] cells(LocalDate from, LocalDate to) throws SQLException {
        long[][] cells = new long[7][24];
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT extract(isodow FROM stolen_at AT TIME ZONE ?)::int,"
                        + " extract(hour FROM stolen_at AT TIME ZONE ?)::int, count(*) FROM theft_cases"
                        + " WHERE stolen_at >= ? AND stolen_at < ? GROUP BY 1, 2")) {
            st.setString(1, ZONE.getId());
            st.setString(2, ZONE.getId());
            st.setObject(3, OffsetDateTime.ofInstant(from.atStartOfDay(ZONE).toInstant(), ZoneOffset.UTC));
            st.setObject(
                    4,
                    OffsetDateTime.ofInstant(to.plusDays(1).atStartOfDay(ZONE).toInstant(), ZoneOffset.UTC));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    cells[rs.getInt(1) - 1][rs.getInt(2)] = rs.getLong(3);
                }
            }
        }
        return cells;
    }

    private static LocalDate date(RoutingContext ctx, String name, LocalDate dflt) {
        String v = ctx.queryParams().get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw BadInputException.invalid(name, "must be a date YYYY-MM-DD (Asia/Shanghai)");
        }
    }
}
