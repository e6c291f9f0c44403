package org.bikeguard.tracker.theft;

import io.vertx.core.json.JsonObject;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.registry.RegistryJson;

/**
 * The JSON of theft cases and their evidence. Instants are ISO-8601 UTC with milliseconds, tags
 * canonical hex. Stateless; thread-safe.
 */
public final class TheftJson {

    private TheftJson() {}

    /** A case. */
    public static JsonObject theft(TheftCase t) {
        return new JsonObject()
                .put("id", t.id())
                .put("bikeId", t.bikeId())
                .put("ownerId", t.ownerId())
                .put("status", t.status())
                .put("caseNo", t.caseNo())
                .put("stolenAt", RegistryJson.time(t.stolenAt()))
                .put("place", t.place())
                .put("description", t.description())
                .put("reportedAt", RegistryJson.time(t.reportedAt()))
                .put("confirmedAt", RegistryJson.time(t.confirmedAt()))
                .put("recoveredAt", RegistryJson.time(t.recoveredAt()))
                .put("closedAt", RegistryJson.time(t.closedAt()))
                .put("note", t.note())
                .put("plate", t.plate())
                .put("tag", t.tag() == null ? null : TagIds.format(t.tag()));
    }

    /** Pinned evidence, whole. */
    public static JsonObject evidence(Evidence e) {
        return new JsonObject()
                .put("id", e.id())
                .put("caseId", e.caseId())
                .put("compiledAt", RegistryJson.time(e.compiledAt()))
                .put("compiledBy", e.compiledBy())
                .put("from", RegistryJson.time(e.from()))
                .put("to", RegistryJson.time(e.to()))
                .put("sightings", e.sightings())
                .put("trajectory", e.trajectory());
    }
}
