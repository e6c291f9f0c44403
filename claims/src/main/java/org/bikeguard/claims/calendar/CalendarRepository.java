package org.bikeguard.claims.calendar;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.bikeguard.claims.store.ClaimsDatabase;
import org.bikeguard.claims.store.Sql;

/**
 * Year files loaded by administrators ({@code claims.calendar_year}), so that they survive a
 * restart and reach every instance at start. Blocking; thread-safe.
 */
public final class CalendarRepository {

    private final ClaimsDatabase db;

    public CalendarRepository(ClaimsDatabase db) {
        this.db = db;
    }

    /** Stores (or replaces) a year. */
    public void save(CalendarYear year, String by) {
        db.inTransaction(c -> Sql.update(
                c,
                "INSERT INTO calendar_year (year, content, loaded_by) VALUES (?, ?, ?) "
                        + "ON CONFLICT (year) DO UPDATE SET content = excluded.content, loaded_by = excluded.loaded_by, "
                        + "loaded_at = now()",
                year.year(),
                year.toJson(),
                by));
    }

    /** Every stored year. */
    public List<CalendarYear> all() {
        return db.inTransaction(c -> Sql.query(
                c,
                "SELECT content::text AS t FROM calendar_year ORDER BY year",
                rs -> CalendarYear.parse(new JsonObject(rs.getString("t")).encode())));
    }
}
