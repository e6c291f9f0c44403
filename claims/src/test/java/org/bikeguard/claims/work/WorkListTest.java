package org.bikeguard.claims.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkListTest {

    private static JsonObject claim(long id, String due, String openedAt) {
        return new JsonObject().put("id", id).put("dueDate", due).put("openedAt", openedAt);
    }

    private static final JsonArray OPEN = new JsonArray(List.of(
            claim(1, "2026-10-22", "2026-08-01T00:00:00.000Z"),
            claim(2, null, "2026-08-05T00:00:00.000Z"),
            claim(3, "2026-10-15", "2026-08-02T00:00:00.000Z"),
            claim(4, null, "2026-08-03T00:00:00.000Z"),
            claim(5, "2026-10-15", "2026-08-04T00:00:00.000Z")));

    private static List<Long> ids(JsonObject page) {
        return page.getJsonArray("claims").stream()
                .map(o -> ((JsonObject) o).getLong("id"))
                .toList();
    }

    @Test
    void unknownDueDatesComeFirstOldestOpenedFirstThenByDueDate() {
        JsonObject p = WorkList.page(OPEN, Map.of(), new WorkList.Query(null, null, 1, 20));
        assertEquals(List.of(4L, 2L, 3L, 5L, 1L), ids(p));
        assertEquals(5, p.getInteger("total"));
        assertEquals(1, p.getInteger("pages"));
    }

    @Test
    void pagesAreCutAfterOrderingAndAPageBeyondTheEndIsEmpty() {
        assertEquals(List.of(3L, 5L), ids(WorkList.page(OPEN, Map.of(), new WorkList.Query(null, null, 2, 2))));
        JsonObject last = WorkList.page(OPEN, Map.of(), new WorkList.Query(null, null, 3, 2));
        assertEquals(List.of(1L), ids(last));
        assertEquals(3, last.getInteger("pages"));
        assertEquals(List.of(), ids(WorkList.page(OPEN, Map.of(), new WorkList.Query(null, null, 4, 2))));
    }

    @Test
    void searchHitsAndTheAssigneeFilterNarrowTheListAndEachClaimNamesItsAdjuster() {
        Map<Long, String> who = Map.of(1L, "adj1", 2L, "adj2", 5L, "adj1");
        JsonObject mine = WorkList.page(OPEN, who, new WorkList.Query(null, "adj1", 1, 20));
        assertEquals(List.of(5L, 1L), ids(mine));
        assertEquals("adj1", mine.getJsonArray("claims").getJsonObject(0).getString("assignee"));
        JsonObject found = WorkList.page(OPEN, who, new WorkList.Query(Set.of(2L, 3L), null, 1, 20));
        assertEquals(List.of(2L, 3L), ids(found));
        assertEquals(null, found.getJsonArray("claims").getJsonObject(1).getString("assignee"));
        assertEquals(
                0,
                WorkList.page(OPEN, who, new WorkList.Query(Set.of(), null, 1, 20))
                        .getInteger("total"));
        assertEquals(
                1,
                WorkList.page(new JsonArray(), who, new WorkList.Query(null, null, 1, 20))
                        .getInteger("pages"));
    }

    @Test
    void pageAndSizeAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> new WorkList.Query(null, null, 0, 20));
        assertThrows(IllegalArgumentException.class, () -> new WorkList.Query(null, null, 1, WorkList.MAX_SIZE + 1));
    }
}
