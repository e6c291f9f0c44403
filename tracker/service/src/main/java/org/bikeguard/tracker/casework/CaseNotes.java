package org.bikeguard.tracker.casework;

import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.bikeguard.tracker.registry.RegistryException;
import org.bikeguard.tracker.registry.RegistryJson;
import org.bikeguard.tracker.registry.Sql;
import org.bikeguard.tracker.registry.Values;

/**
 * Notes and shift handovers on theft cases (table {@code case_notes}): who wrote it, when (the
 * tracker's clock, UTC), what was done and, for a handover, what is left to do. Append-only.
 * Blocking (JDBC); thread-safe.
 */
final class CaseNotes {

    static final String NOTE = "note";
    static final String HANDOVER = "handover";
    static final Set<String> KINDS = Set.of(NOTE, HANDOVER);
    static final int MAX_TEXT = 4000;

    /** One note; {@code at} UTC. */
    record Note(long id, long caseId, String kind, Instant at, String author, String text, String next) {
        JsonObject json() {
            return new JsonObject()
                    .put("id", id)
                    .put("caseId", caseId)
                    .put("kind", kind)
                    .put("at", RegistryJson.time(at))
                    .put("author", author)
                    .put("text", text)
                    .put("next", next);
        }
    }

    private final DataSource ds;
    private final Clock clock;

    CaseNotes(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /**
     * Adds a note to case {@code caseId}.
     *
     * @throws RegistryException 400 bad kind or text, 404 unknown case
     */
    Note add(long caseId, String kind, String text, String next, String author) {
        if (kind == null || !KINDS.contains(kind)) {
            throw RegistryException.invalid("kind", "must be note or handover");
        }
        String body = Values.required(text, "text", MAX_TEXT);
        String rest = Values.optional(next, "next", MAX_TEXT);
        Instant now = clock.instant();
        return Sql.tx(ds, c -> {
            try (PreparedStatement st = Sql.prepare(c, "SELECT 1 FROM theft_cases WHERE id = ?", caseId);
                    ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw RegistryException.notFound("theft case", caseId);
                }
            }
            long id = Sql.insertId(
                    c,
                    "INSERT INTO case_notes (case_id, kind, at, author, body, next_steps) VALUES (?, ?, ?, ?, ?, ?)"
                            + " RETURNING id",
                    caseId,
                    kind,
                    now,
                    author,
                    body,
                    rest);
            return new Note(id, caseId, kind, now, author, body, rest);
        });
    }

    /** The case's notes, oldest first. */
    List<Note> of(long caseId) {
        return Sql.read(ds, c -> {
            List<Note> out = new ArrayList<>();
            try (PreparedStatement st = Sql.prepare(
                            c,
                            "SELECT id, kind, at, author, body, next_steps FROM case_notes WHERE case_id = ? ORDER BY id",
                            caseId);
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Note(
                            rs.getLong(1),
                            caseId,
                            rs.getString(2),
                            Sql.instant(rs, "at"),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6)));
                }
            }
            return out;
        });
    }
}
