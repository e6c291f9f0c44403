package org.bikeguard.claims.work;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One page of the adjusters' work list, cut from the open claims: filtered (search hits, one
 * assignee), ordered and paged. Order: claims whose due date is unknown first (no deadline
 * could be computed or none runs yet), oldest opened first; then by due date, earliest first;
 * ties by claim number. Pages count from 1. Pure; thread-safe.
 */
public final class WorkList {

    /** Largest page, claims. */
    public static final int MAX_SIZE = 100;

    private static final Comparator<JsonObject> ORDER = Comparator.comparing(
                    (JsonObject o) -> o.getString("dueDate") == null ? "" : o.getString("dueDate"))
            .thenComparing(o -> o.getString("dueDate") == null ? o.getString("openedAt", "") : "")
            .thenComparing(o -> o.getLong("id"));

    private WorkList() {}

    /**
     * A query of the work list.
     *
     * @param matching ids the search found, or null for no search
     * @param assignee only claims assigned to this username, or null for all
     * @param page     page number, from 1
     * @param size     claims per page, 1 to {@value #MAX_SIZE}
     */
    public record Query(Set<Long> matching, String assignee, int page, int size) {
        public Query {
            if (page < 1 || size < 1 || size > MAX_SIZE) {
                throw new IllegalArgumentException("page from 1, size 1 to " + MAX_SIZE);
            }
        }
    }

    /**
     * The page: {@code {"claims":[...], "total", "page", "size", "pages"}}; each claim carries its
     * {@code assignee} (null when unassigned).
     *
     * @param open      the open claims' summaries (each with {@code id}, {@code openedAt} and
     *                  {@code dueDate}, null when unknown)
     * @param assignees assignee by claim id
     */
    public static JsonObject page(JsonArray open, Map<Long, String> assignees, Query q) {
        List<JsonObject> hits = new ArrayList<>();
        for (Object x : open) {
            JsonObject o = (JsonObject) x;
            long id = o.getLong("id");
            String who = assignees.get(id);
            if ((q.matching() == null || q.matching().contains(id))
                    && (q.assignee() == null || q.assignee().equals(who))) {
                hits.add(o.copy().put("assignee", who));
            }
        }
        hits.sort(ORDER);
        int from = Math.min(hits.size(), (q.page() - 1) * q.size());
        int to = Math.min(hits.size(), from + q.size());
        return new JsonObject()
                .put("claims", new JsonArray(new ArrayList<>(hits.subList(from, to))))
                .put("total", hits.size())
                .put("page", q.page())
                .put("size", q.size())
                .put("pages", Math.max(1, (hits.size() + q.size() - 1) / q.size()));
    }
}
