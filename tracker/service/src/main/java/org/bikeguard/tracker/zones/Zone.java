package org.bikeguard.tracker.zones;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * A compiled no-go zone. Immutable.
 *
 * @param geometry the polygon as given (GeoJSON Polygon or MultiPolygon, WGS84), or {@code null}
 * @param listed   the stations given explicitly
 * @param stations the compiled set: listed stations plus those whose position lies in the polygon
 * @param graceS   seconds of dwell before the rule acts
 * @param fineFen  the fine case's amount in fen
 */
public record Zone(
        String id,
        String name,
        ZoneKind kind,
        JsonObject geometry,
        List<String> listed,
        List<String> stations,
        int graceS,
        long fineFen) {

    public Zone {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        listed = List.copyOf(listed);
        stations = List.copyOf(stations);
    }

    /** The API's view. */
    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id)
                .put("name", name)
                .put("kind", kind.wire())
                .put("geometry", geometry)
                .put("stations", new JsonArray(listed))
                .put("compiledStations", new JsonArray(stations))
                .put("graceS", graceS)
                .put("fineFen", fineFen);
    }
}
