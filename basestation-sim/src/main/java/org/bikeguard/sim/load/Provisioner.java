package org.bikeguard.sim.load;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.bikeguard.sim.api.TrackerClient;
import org.bikeguard.sim.api.TrackerClient.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the load run's stations with the tracker through the admin API
 * ({@link TrackerClient}): bulk-imports them as CSV ({@code POST /api/v1/stations/import}) in
 * chunks; if the tracker has no bulk import (404/405) it falls back to one
 * {@code PUT /api/v1/stations/{id}} per station. Stations are of kind {@code street} with a
 * radius of {@value #RADIUS_M} m, placed by {@link StationLayout}, with the secrets of
 * {@link StationSecrets}.
 *
 * <p>Not thread-safe; use once from one thread.
 */
final class Provisioner {
    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);
    static final int RADIUS_M = 80;
    private static final int CHUNK = 1000;

    private final LoadOptions options;
    private final TrackerClient api;
    private final StationLayout layout;

    Provisioner(LoadOptions options, String adminPassword) {
        this.options = options;
        this.api = new TrackerClient(options.api(), "admin", adminPassword, options.ca());
        this.layout = new StationLayout(options.stations());
    }

    /** Imports every station; returns how many the tracker reported as imported. */
    int provision() throws IOException, InterruptedException {
        api.login();
        int imported = 0;
        for (int from = 0; from < options.stations(); from += CHUNK) {
            int to = Math.min(options.stations(), from + CHUNK);
            try {
                imported += api.post("/api/v1/stations/import", "text/csv", csv(from, to))
                        .path("imported")
                        .asInt(to - from);
            } catch (ApiException e) {
                if (e.status() != 404 && e.status() != 405) {
                    throw e;
                }
                LOG.warn("no bulk import ({}); registering stations one by one", e.status());
                return imported + putEach(from);
            }
        }
        return imported;
    }

    /** CSV with header {@code id,name,kind,lon,lat,radiusM,secret} for stations [from, to). */
    String csv(int from, int to) {
        StringBuilder sb = new StringBuilder(96 * (to - from) + 48);
        sb.append("id,name,kind,lon,lat,radiusM,secret\n");
        for (int i = from; i < to; i++) {
            String id = options.stationId(i);
            sb.append(id)
                    .append(",Load station ")
                    .append(i + 1)
                    .append(",street,")
                    .append(String.format(Locale.ROOT, "%.6f,%.6f", layout.lon(i), layout.lat(i)))
                    .append(',')
                    .append(RADIUS_M)
                    .append(',')
                    .append(StationSecrets.secret(options.secretSeed(), id))
                    .append('\n');
        }
        return sb.toString();
    }

    private int putEach(int from) throws IOException, InterruptedException {
        int n = 0;
        for (int i = from; i < options.stations(); i++) {
            String id = options.stationId(i);
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("name", "Load station " + (i + 1));
            st.put("kind", "street");
            st.put("lon", layout.lon(i));
            st.put("lat", layout.lat(i));
            st.put("radiusM", RADIUS_M);
            st.put("secret", StationSecrets.secret(options.secretSeed(), id));
            api.putJson("/api/v1/stations/" + id, st);
            n++;
        }
        return n;
    }
}
