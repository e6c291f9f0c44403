package org.bikeguard.claims.work;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.ShanghaiTime;
import org.bikeguard.claims.claim.ClaimRepository;
import org.bikeguard.claims.store.ClaimsDatabase;
import org.bikeguard.claims.store.Sql;

/**
 * Who handles which claim, the notes adjusters leave on a claim, and the search behind the work
 * list. Every assignment and note is also written to the claim's history. Instants are stored
 * UTC and shown Asia/Shanghai. Blocking (JDBC); thread-safe.
 */
public final class WorkService {

    /** Longest note, characters. */
    public static final int MAX_NOTE = 4000;

    private final ClaimsDatabase db;
    private final ClaimRepository repo;
    private final Clock clock;

    public WorkService(ClaimsDatabase db, Clock clock) {
        this.db = db;
        this.repo = new ClaimRepository(clock);
        this.clock = clock;
    }

    /**
     * Assigns (or reassigns) claim {@code id} to {@code assignee}; returns the assignment.
     *
     * @throws ClaimsException 404 when the claim does not exist, 400 for a blank assignee
     */
    public JsonObject assign(long id, String assignee, String by) {
        if (assignee == null || assignee.isBlank() || assignee.length() > 100) {
            throw ClaimsException.invalid("\"assignee\" must be a username of 1 to 100 characters");
        }
        String who = assignee.strip();
        return db.inTransaction(c -> {
            repo.lock(c, id);
            String before =
                    Sql.one(c, "SELECT assignee FROM claim_assignment WHERE claim_id = ?", rs -> rs.getString(1), id);
            Sql.update(
                    c,
                    "INSERT INTO claim_assignment (claim_id, assignee, assigned_by, assigned_at) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT (claim_id) DO UPDATE SET assignee = EXCLUDED.assignee, "
                            + "assigned_by = EXCLUDED.assigned_by, assigned_at = EXCLUDED.assigned_at",
                    id,
                    who,
                    by,
                    clock.instant());
            repo.event(
                    c,
                    id,
                    by,
                    before == null ? "assigned" : "reassigned",
                    new JsonObject().put("from", before).put("to", who));
            return assignment(c, id);
        });
    }

    /** Adds a note by {@code author}; returns it. */
    public JsonObject addNote(long id, String text, String author) {
        if (text == null || text.isBlank() || text.length() > MAX_NOTE) {
            throw ClaimsException.invalid("\"text\" must be 1 to " + MAX_NOTE + " characters");
        }
        return db.inTransaction(c -> {
            repo.lock(c, id);
            long nid = Sql.insert(
                    c,
                    "INSERT INTO claim_note (claim_id, author, at, body) VALUES (?, ?, ?, ?)",
                    id,
                    author,
                    clock.instant(),
                    text.strip());
            repo.event(c, id, author, "note", new JsonObject().put("noteId", nid));
            return Sql.one(c, "SELECT * FROM claim_note WHERE id = ?", WorkService::note, nid);
        });
    }

    /** A claim's assignment (null fields when unassigned) and its notes, oldest first; 404 when absent. */
    public JsonObject work(long id) {
        return db.inTransaction(c -> {
            repo.get(c, id);
            JsonArray notes = new JsonArray(
                    Sql.query(c, "SELECT * FROM claim_note WHERE claim_id = ? ORDER BY id", WorkService::note, id));
            return assignment(c, id).put("notes", notes);
        });
    }

    /** Assignee by claim id, for every assigned claim. */
    public Map<Long, String> assignees() {
        return db.inTransaction(c -> {
            Map<Long, String> out = new HashMap<>();
            Sql.query(c, "SELECT claim_id, assignee FROM claim_assignment", rs -> {
                out.put(rs.getLong(1), rs.getString(2));
                return null;
            });
            return out;
        });
    }

    /**
     * Ids of the claims whose number equals {@code q}, or whose plate or police case number
     * contains it (case-insensitive), or whose owner's phone contains it. {@code #12} finds claim
     * 12 only.
     */
    public Set<Long> search(String q) {
        String text = q.strip();
        if (text.matches("#\\d{1,18}")) {
            long number = Long.parseLong(text.substring(1));
            return db.inTransaction(
                    c -> new HashSet<>(Sql.query(c, "SELECT id FROM claim WHERE id = ?", rs -> rs.getLong(1), number)));
        }
        String needle = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        long number = text.matches("\\d{1,18}") ? Long.parseLong(text) : -1L;
        return db.inTransaction(c -> new HashSet<>(Sql.query(
                c,
                "SELECT id FROM claim WHERE id = ? OR plate ILIKE ? OR case_no ILIKE ? OR owner_phone LIKE ?",
                rs -> rs.getLong(1),
                number,
                needle,
                needle,
                needle)));
    }

    private static JsonObject assignment(java.sql.Connection c, long id) throws java.sql.SQLException {
        JsonObject a = Sql.one(
                c,
                "SELECT assignee, assigned_by, assigned_at FROM claim_assignment WHERE claim_id = ?",
                rs -> new JsonObject()
                        .put("assignee", rs.getString("assignee"))
                        .put("assignedBy", rs.getString("assigned_by"))
                        .put("assignedAt", ShanghaiTime.format(Sql.instant(rs, "assigned_at"))),
                id);
        return a != null
                ? a.put("claimId", id)
                : new JsonObject()
                        .put("claimId", id)
                        .putNull("assignee")
                        .putNull("assignedBy")
                        .putNull("assignedAt");
    }

    private static JsonObject note(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new JsonObject()
                .put("id", rs.getLong("id"))
                .put("author", rs.getString("author"))
                .put("at", ShanghaiTime.format(Sql.instant(rs, "at")))
                .put("text", rs.getString("body"));
    }
}
