package org.bikeguard.sim.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the load run's stations with the tracker through the admin API: logs in as
 * {@code admin}, then bulk-imports them as CSV ({@code POST /api/v1/stations/import}) in
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
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoadOptions options;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final StationLayout layout;

    Provisioner(LoadOptions options, String adminPassword) {
        this.options = options;
        this.password = adminPassword;
        this.layout = new StationLayout(options.stations());
    }

    /** Imports every station; returns how many the tracker reported as imported. */
    int provision() throws IOException, InterruptedException {
        String token = login();
        int imported = 0;
        for (int from = 0; from < options.stations(); from += CHUNK) {
            int to = Math.min(options.stations(), from + CHUNK);
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/stations/import"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(csv(from, to))));
            if (r.statusCode() == 404 || r.statusCode() == 405) {
                LOG.warn("no bulk import ({}); registering stations one by one", r.statusCode());
                return imported + putEach(token, from);
            }
            check(r, "import stations " + from + ".." + (to - 1));
            imported += JSON.readTree(r.body()).path("imported").asInt(to - from);
        }
        return imported;
    }

    /** CSV with header {@code id,name,kind,lon,lat,radiusM,secret} for stations [from, to). */
    String csv(int from, int to) {
        StringBuilder sb = new StringBuilder(96 * (to - from) + 48);
        sb.append("id,name,kind,lon,lat,radiusM,secret\n");
        for (int i = from; i < to; i++) {
            String id = options.stationId(i);
            sb.append(id).append(",Load station ").append(i + 1).append(",street,")
                    .append(String.format(Locale.ROOT, "%.6f,%.6f", layout.lon(i), layout.lat(i)))
                    .append(',').append(RADIUS_M).append(',')
                    .append(StationSecrets.secret(options.secretSeed(), id)).append('\n');
        }
        return sb.toString();
    }

    private String login() throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("username", "admin", "password", password));
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        check(r, "admin login");
        JsonNode token = JSON.readTree(r.body()).get("token");
        if (token == null || !token.isTextual()) {
            throw new IOException("admin login: no token in response");
        }
        return token.asText();
    }

    private int putEach(String token, int from) throws IOException, InterruptedException {
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
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/stations/" + id))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(st))));
            check(r, "put station " + id);
            n++;
        }
        return n;
    }

    private HttpResponse<String> send(HttpRequest.Builder b)
            throws IOException, InterruptedException {
        return http.send(b.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(options.api() + path);
    }

    private static void check(HttpResponse<String> r, String what) throws IOException {
        if (r.statusCode() / 100 != 2) {
            String body = r.body() == null ? "" : r.body();
            throw new IOException(what + ": HTTP " + r.statusCode() + " "
                    + body.substring(0, Math.min(300, body.length())));
        }
    }
}
