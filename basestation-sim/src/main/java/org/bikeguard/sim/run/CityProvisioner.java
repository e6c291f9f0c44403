package org.bikeguard.sim.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bikeguard.sim.api.TrackerClient;
import org.bikeguard.sim.api.TrackerClient.ApiException;
import org.bikeguard.sim.city.City;
import org.bikeguard.sim.city.Places;
import org.bikeguard.sim.city.Registry;
import org.bikeguard.sim.city.Stations;

/**
 * Creates the city in the tracker through its public API as admin: the stations by bulk import
 * ({@code POST /api/v1/stations/import}, CSV, 1,000 per request, all-or-nothing per request;
 * re-importing updates them), then owners and bikes ({@code POST /api/v1/owners},
 * {@code POST /api/v1/bikes}) when the tracker has those routes: a 404 on the first one skips
 * the registry with a warning; an owner that already exists (409, from an earlier run) is
 * skipped with its bikes.
 *
 * <p>Not thread-safe; use from one thread (the registry part may run on a background thread
 * while the simulation runs).
 */
public final class CityProvisioner {
    private static final int CHUNK = 1_000;

    private final City city;
    private final TrackerClient api;
    private final String secretSeed;
    private final PrintStream out;
    private Map<String, String> gates;

    /** A provisioner of {@code city} through {@code api} (logged in as admin). */
    public CityProvisioner(City city, TrackerClient api, String secretSeed, PrintStream out) {
        this.city = city;
        this.api = api;
        this.secretSeed = secretSeed;
        this.out = out;
    }

    /**
     * Imports every signalled intersection ({@code POST /api/v1/intersections/import}, the
     * {@link IntersectionExport} FeatureCollection, all or nothing); returns how many the tracker
     * reported, 0 with a warning when the tracker has no intersection API (404).
     */
    public int intersections() throws IOException, InterruptedException {
        if (city.signals().count() == 0) {
            return 0;
        }
        try {
            JsonNode r = api.post("/api/v1/intersections/import", "application/json", IntersectionExport.geoJson(city));
            return r.path("imported").asInt(city.signals().count());
        } catch (ApiException e) {
            if (e.status() == 404) {
                out.println(
                        "city: warning: the tracker has no intersection import (404); no violations will be detected");
                return 0;
            }
            throw e;
        }
    }

    /**
     * Creates or replaces every no-go zone ({@code PUT /api/v1/zones/{id}}, the bodies of
     * {@link Exports#zoneBodies}: the zone's reader as its station set, default grace and fine);
     * returns how many, 0 with a warning when the tracker has no zone API (404).
     */
    public int zones() throws IOException, InterruptedException {
        int n = 0;
        for (Map.Entry<String, Map<String, Object>> z : Exports.zoneBodies(city).entrySet()) {
            try {
                api.putJson("/api/v1/zones/" + z.getKey(), z.getValue());
                n++;
            } catch (ApiException e) {
                if (e.status() == 404) {
                    out.println("city: warning: the tracker has no zone API (404); no zone stays will be detected");
                    return 0;
                }
                throw e;
            }
        }
        return n;
    }

    /** Imports every station; returns how many the tracker reported as imported. */
    public int stations() throws IOException, InterruptedException {
        int n = city.stations().count();
        int imported = 0;
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            JsonNode r =
                    api.post("/api/v1/stations/import", "text/csv", Exports.stationsCsv(city, secretSeed, from, to));
            imported += r.path("imported").asInt(to - from);
        }
        return imported;
    }

    /**
     * Registers the owners and bikes of the first {@code limit} bikes.
     *
     * @return bikes registered (0 when the tracker has no registry yet)
     */
    public int registry(int limit) throws IOException, InterruptedException {
        Registry reg = city.registry();
        Map<Integer, Long> ownerIds = new HashMap<>();
        int bikes = 0;
        int skipped = 0;
        for (int b = 0; b < Math.min(limit, city.bikes().count()); b++) {
            int o = city.bikes().owner(b);
            Long ownerId = ownerIds.get(o);
            if (ownerId == null && !ownerIds.containsKey(o)) {
                Registry.Owner w = reg.ownerOf(b);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("name", w.name());
                body.put("idNumber", w.idNumber());
                body.put("phone", w.phone());
                body.put("password", w.password());
                body.put("address", w.address());
                body.put("residence", w.tenant() ? "tenant" : "owner");
                String gate = homeStation(city.bikes().home(b));
                if (gate != null) {
                    body.put("homeStation", gate);
                }
                try {
                    ownerId = api.postJson("/api/v1/owners", body).path("id").asLong();
                } catch (ApiException e) {
                    if (e.status() == 404 || e.status() == 405) {
                        out.println("city: the tracker has no registry yet (POST /api/v1/owners" + " answered "
                                + e.status() + "); owners and bikes not provisioned");
                        return 0;
                    }
                    if (e.status() != 409) {
                        throw e;
                    }
                    skipped++;
                }
                ownerIds.put(o, ownerId);
            }
            if (ownerId == null) {
                continue;
            }
            if (registerBike(reg.bike(b), ownerId)) {
                bikes++;
            }
        }
        if (skipped > 0) {
            out.println("city: " + skipped + " owners existed already (earlier run); their bikes"
                    + " were left as they are");
        }
        return bikes;
    }

    /** Id of the building station at place {@code p}'s gate, or null. */
    private String homeStation(int p) {
        if (gates == null) {
            gates = new HashMap<>();
            Stations st = city.stations();
            for (int s = 0; s < st.count(); s++) {
                if (Stations.BUILDING.equals(st.kind(s))) {
                    gates.put(Math.round(st.x(s) * 10) + ":" + Math.round(st.y(s) * 10), st.id(s));
                }
            }
        }
        Places pl = city.places();
        return gates.get(Math.round(pl.x(p) * 10) + ":" + Math.round(pl.y(p) * 10));
    }

    private boolean registerBike(Registry.Bike k, long ownerId) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ownerId", ownerId);
        body.put("tag", k.tag());
        body.put("plate", k.plate());
        body.put("frameNo", k.frameNo());
        body.put("motorNo", k.motorNo());
        body.put("batterySerial", k.batterySerial());
        body.put("brand", k.brand());
        body.put("colour", k.colour());
        body.put("purchaseDate", k.purchaseDate().toString());
        body.put("purchasePriceFen", k.purchasePriceFen());
        try {
            api.postJson("/api/v1/bikes", body);
            return true;
        } catch (ApiException e) {
            if (e.status() == 409) {
                return false;
            }
            throw e;
        }
    }
}
