package org.bikeguard.tracker.casework;

import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.bikeguard.tracker.registry.RegistryJson;
import org.bikeguard.tracker.registry.Sql;

/**
 * The stored alarms of a theft case (table {@code alerts}, by {@code case_id}: every tag the case
 * watched, so a replaced tag's alarms stay with the case), newest first. Read-only; blocking
 * (JDBC); thread-safe.
 */
final class CaseAlarms {

    /** At most this many alarms are listed per case. */
    static final int LIMIT = 200;

    private final DataSource ds;

    CaseAlarms(DataSource ds) {
        this.ds = ds;
    }

    /** The alarm's JSON as raised, plus its handling ({@code status}, {@code ackedBy}, ...). */
    List<JsonObject> of(long caseId) {
        return Sql.read(ds, c -> {
            List<JsonObject> out = new ArrayList<>();
            try (PreparedStatement st = Sql.prepare(
                            c,
                            "SELECT body::text, status, acked_by, acked_at, dispatched_by, dispatched_at, dispatch_note"
                                    + " FROM alerts WHERE case_id = ? ORDER BY id DESC LIMIT ?",
                            caseId,
                            LIMIT);
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new JsonObject(rs.getString(1))
                            .put("status", rs.getString(2))
                            .put("ackedBy", rs.getString(3))
                            .put("ackedAt", RegistryJson.time(Sql.instant(rs, "acked_at")))
                            .put("dispatchedBy", rs.getString(5))
                            .put("dispatchedAt", RegistryJson.time(Sql.instant(rs, "dispatched_at")))
                            .put("dispatchNote", rs.getString(7)));
                }
            }
            return out;
        });
    }
}
