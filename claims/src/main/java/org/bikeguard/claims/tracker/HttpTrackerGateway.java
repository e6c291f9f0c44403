package org.bikeguard.claims.tracker;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.ShanghaiTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TrackerGateway} over the tracker's HTTP API. Authenticates with a service token, or, when
 * none is configured, logs in as {@code admin} and keeps the token (logging in again once after a
 * 401). {@link #onBehalfOf} adds the user's own token in {@value #ON_BEHALF_HEADER}, so the
 * tracker's audit rows name that user ({@code via} the service). The JSON each path must answer is
 * documented in {@code docs/claims.md}. Thread-safe.
 */
public final class HttpTrackerGateway implements TrackerGateway {

    /** The tracker's on-behalf-of header (its {@code audit.Actor.ON_BEHALF_HEADER}). */
    public static final String ON_BEHALF_HEADER = "X-Bikeguard-On-Behalf-Of";

    private static final Logger LOG = LoggerFactory.getLogger(HttpTrackerGateway.class);

    private final WebClient client;
    private final String base;
    private final String adminPassword;
    private final AtomicReference<String> token = new AtomicReference<>();

    /**
     * @param baseUrl       tracker base URL, e.g. {@code http://localhost:8080}
     * @param serviceToken  bearer token to use, or null to log in as admin
     * @param adminPassword admin password for that login, or null
     */
    public HttpTrackerGateway(Vertx vertx, String baseUrl, String serviceToken, String adminPassword) {
        this(vertx, baseUrl, serviceToken, adminPassword, null);
    }

    /** @param trackerCa PEM certificates trusted for the tracker's HTTPS, or null for the JVM's trust store */
    public HttpTrackerGateway(
            Vertx vertx, String baseUrl, String serviceToken, String adminPassword, String trackerCa) {
        URI u = URI.create(baseUrl);
        WebClientOptions options = TrackerClientOptions.of(baseUrl, trackerCa);
        options.setConnectTimeout(5_000).setIdleTimeout(30);
        this.client = WebClient.create(vertx, options);
        this.base = u.getPath() == null ? "" : u.getPath().replaceAll("/$", "");
        this.adminPassword = adminPassword;
        this.token.set(serviceToken);
    }

    @Override
    public TrackerGateway onBehalfOf(String bearerToken) {
        return bearerToken == null || bearerToken.isBlank() ? this : new OnBehalf(bearerToken.trim());
    }

    @Override
    public Future<Bike> bike(String bikeId) {
        return bike(bikeId, null);
    }

    @Override
    public Future<Owner> owner(String ownerId) {
        return owner(ownerId, null);
    }

    @Override
    public Future<TheftCase> theftCase(String caseId) {
        return theftCase(caseId, null);
    }

    @Override
    public Future<List<Sighting>> sightings(String tag, Instant from, Instant to) {
        return sightings(tag, from, to, null);
    }

    @Override
    public Future<Station> station(String stationId) {
        return station(stationId, null);
    }

    /** The same gateway, sending {@code user}'s token in {@value #ON_BEHALF_HEADER} on every call. */
    private final class OnBehalf implements TrackerGateway {

        private final String user;

        OnBehalf(String user) {
            this.user = user;
        }

        @Override
        public TrackerGateway onBehalfOf(String bearerToken) {
            return HttpTrackerGateway.this.onBehalfOf(bearerToken);
        }

        @Override
        public Future<Bike> bike(String bikeId) {
            return HttpTrackerGateway.this.bike(bikeId, user);
        }

        @Override
        public Future<Owner> owner(String ownerId) {
            return HttpTrackerGateway.this.owner(ownerId, user);
        }

        @Override
        public Future<TheftCase> theftCase(String caseId) {
            return HttpTrackerGateway.this.theftCase(caseId, user);
        }

        @Override
        public Future<List<Sighting>> sightings(String tag, Instant from, Instant to) {
            return HttpTrackerGateway.this.sightings(tag, from, to, user);
        }

        @Override
        public Future<Station> station(String stationId) {
            return HttpTrackerGateway.this.station(stationId, user);
        }
    }

    private Future<Bike> bike(String bikeId, String user) {
        return get("/api/v1/bikes/" + enc(bikeId), "bike " + bikeId, user).map(HttpTrackerGateway::toBike);
    }

    private Future<Owner> owner(String ownerId, String user) {
        return get("/api/v1/owners/" + enc(ownerId), "owner " + ownerId, user)
                .map(o -> new Owner(
                        str(o, "id"),
                        o.getString("name"),
                        o.getString("idNumber"),
                        o.getString("phone"),
                        o.getString("username"),
                        o.getString("homeStation")));
    }

    private Future<TheftCase> theftCase(String caseId, String user) {
        return get("/api/v1/thefts/" + enc(caseId), "theft case " + caseId, user)
                .map(o -> new TheftCase(
                        str(o, "id"),
                        str(o, "bikeId"),
                        o.getString("status"),
                        o.getString("caseNo"),
                        instant(o, "stolenAt"),
                        instant(o, "reportedAt"),
                        instant(o, "confirmedAt"),
                        instant(o, "recoveredAt")));
    }

    private Future<List<Sighting>> sightings(String tag, Instant from, Instant to, String user) {
        String path = "/api/v1/tags/" + enc(tag) + "/sightings?from=" + enc(ShanghaiTime.format(from)) + "&to="
                + enc(ShanghaiTime.format(to));
        return get(path, "tag " + tag, user).map(o -> {
            JsonArray arr = o.getJsonArray("sightings", new JsonArray());
            List<Sighting> out = new ArrayList<>(arr.size());
            for (int i = 0; i < arr.size(); i++) {
                JsonObject s = arr.getJsonObject(i);
                out.add(new Sighting(
                        s.getString("station"),
                        instant(s, "firstSeen"),
                        instant(s, "lastSeen"),
                        s.getLong("reads", 0L),
                        s.getInteger("peakRssi", 0),
                        s.getBoolean("open", false)));
            }
            return out;
        });
    }

    private Future<Station> station(String stationId, String user) {
        return get("/api/v1/stations/" + enc(stationId), "station " + stationId, user)
                .map(o -> new Station(
                        str(o, "id"),
                        o.getString("name"),
                        o.getString("kind"),
                        o.getDouble("lon", 0.0),
                        o.getDouble("lat", 0.0),
                        o.getDouble("radiusM", 0.0)));
    }

    /** GET {@code path} with the service token and, when {@code user} is set, that user's token on behalf. */
    private Future<JsonObject> get(String path, String what, String user) {
        return authToken()
                .compose(t -> send(path, t, user))
                .compose(r -> {
                    if (r.statusCode() == 401 && adminPassword != null) {
                        token.set(null);
                        return authToken().compose(t -> send(path, t, user));
                    }
                    return Future.succeededFuture(r);
                })
                .compose(
                        r -> {
                            if (r.statusCode() == 404) {
                                return Future.failedFuture(ClaimsException.notFound(what));
                            }
                            if (r.statusCode() != 200) {
                                LOG.warn("tracker call failed [path: {}, status: {}]", path, r.statusCode());
                                return Future.failedFuture(ClaimsException.upstream(
                                        "the tracker answered " + r.statusCode() + " for " + what));
                            }
                            try {
                                return Future.succeededFuture(r.bodyAsJsonObject());
                            } catch (RuntimeException e) {
                                return Future.failedFuture(
                                        ClaimsException.upstream("the tracker sent invalid JSON for " + what));
                            }
                        },
                        err -> Future.failedFuture(
                                err instanceof ClaimsException
                                        ? err
                                        : ClaimsException.upstream("the tracker is unreachable: " + err.getMessage())));
    }

    private Future<HttpResponse<Buffer>> send(String path, String bearer, String user) {
        var req = client.get(base + path).timeout(10_000);
        if (bearer != null) {
            req.bearerTokenAuthentication(bearer);
        }
        if (user != null) {
            req.putHeader(ON_BEHALF_HEADER, user);
        }
        return req.send();
    }

    private Future<String> authToken() {
        String t = token.get();
        if (t != null || adminPassword == null) {
            return Future.succeededFuture(t);
        }
        return client.post(base + "/api/v1/auth/token")
                .timeout(10_000)
                .sendJsonObject(new JsonObject().put("username", "admin").put("password", adminPassword))
                .compose(r -> {
                    if (r.statusCode() != 200) {
                        return Future.failedFuture(
                                ClaimsException.upstream("cannot log in to the tracker: " + r.statusCode()));
                    }
                    String fresh = r.bodyAsJsonObject().getString("token");
                    token.set(fresh);
                    LOG.info("logged in to the tracker as admin");
                    return Future.succeededFuture(fresh);
                });
    }

    static Bike toBike(JsonObject o) {
        String pd = o.getString("purchaseDate");
        if (pd == null) {
            throw ClaimsException.upstream("the tracker's bike " + o.getValue("id") + " has no purchaseDate");
        }
        return new Bike(
                str(o, "id"),
                str(o, "ownerId"),
                o.getString("plate"),
                o.getString("frameNo"),
                LocalDate.parse(pd),
                o.getLong("purchasePriceFen", 0L),
                o.getString("tag"),
                o.getString("status"));
    }

    private static String str(JsonObject o, String key) {
        Object v = o.getValue(key);
        return v == null ? null : v.toString();
    }

    private static Instant instant(JsonObject o, String key) {
        String v = o.getString(key);
        return v == null ? null : java.time.OffsetDateTime.parse(v).toInstant();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Closes the HTTP client. */
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "HttpTrackerGateway" + Map.of("base", base);
    }
}
