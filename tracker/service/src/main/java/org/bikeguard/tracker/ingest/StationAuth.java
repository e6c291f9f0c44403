package org.bikeguard.tracker.ingest;

import io.vertx.mqtt.MqttEndpoint;
import java.util.Optional;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.station.StationRegistry;
import org.bikeguard.tracker.tls.ClientCertificates;
import org.bikeguard.tracker.tls.ClientCertificates.ClientCertificate;

/**
 * Decides who an MQTT CONNECT is. Two ways in:
 * <ul>
 *   <li><b>certificate</b> (MQTT over TLS with a station CA): the client certificate, already
 *       verified against the station CA by the handshake, names the station in its subject CN.
 *       The username may be left out; if given it must be that station. The station must accept
 *       {@code certificate} and, when it pins one, this very certificate. A station that does
 *       not accept it may still log in with its secret on the same connection.</li>
 *   <li><b>secret</b>: username = station id, password = its secret; the station must accept
 *       {@code secret}.</li>
 * </ul>
 * Either way the station must be active. Refusals carry a metric reason: {@code bad_credentials},
 * {@code station_disabled}, {@code station_deleted}, {@code method_not_allowed}, {@code certificate_other_station}
 * (a certificate naming another station than the username), {@code certificate_not_accepted}
 * (not a station certificate, a station that does not take certificates, or not the pinned one).
 * Stateless apart from the registry; thread-safe; non-blocking.
 */
final class StationAuth {

    /**
     * The outcome.
     *
     * @param station the authenticated station, or null when refused
     * @param method  how it authenticated, or null when refused
     * @param refusal the metric reason when refused, else null
     */
    record Verdict(Station station, Station.AuthMethod method, String refusal) {
        static Verdict refused(String reason) {
            return new Verdict(null, null, reason);
        }

        boolean accepted() {
            return station != null;
        }

        /** Whether the refusal is about rights (MQTT "not authorized") rather than wrong credentials. */
        boolean notAuthorized() {
            return refusal != null && !refusal.equals("bad_credentials");
        }
    }

    private final StationRegistry stations;

    StationAuth(StationRegistry stations) {
        this.stations = stations;
    }

    Verdict check(MqttEndpoint endpoint) {
        String username = endpoint.auth() == null ? null : endpoint.auth().getUsername();
        String secret = endpoint.auth() == null ? null : endpoint.auth().getPassword();
        Optional<ClientCertificate> cert =
                endpoint.isSsl() ? ClientCertificates.of(endpoint.sslSession()) : Optional.empty();
        return check(username, secret, cert);
    }

    Verdict check(String username, String secret, Optional<ClientCertificate> cert) {
        if (cert.isPresent()) {
            String named = cert.get().commonName();
            if (named == null || stations.byId(named) == null) {
                return secret == null ? Verdict.refused("certificate_not_accepted") : bySecret(username, secret);
            }
            if (username != null && !username.equals(named)) {
                return Verdict.refused("certificate_other_station");
            }
            Station s = stations.byId(named);
            if (s.accepts(Station.AuthMethod.CERTIFICATE)
                    && s.certificateMatches(cert.get().sha256())) {
                return s.active() ? new Verdict(s, Station.AuthMethod.CERTIFICATE, null) : inactive(s);
            }
            if (secret == null) {
                return Verdict.refused("certificate_not_accepted");
            }
            return bySecret(named, secret);
        }
        return bySecret(username, secret);
    }

    private Verdict bySecret(String id, String secret) {
        if (id == null || secret == null || !stations.secretMatches(id, secret)) {
            return Verdict.refused("bad_credentials");
        }
        Station s = stations.byId(id);
        if (!s.active()) {
            return inactive(s);
        }
        if (!s.accepts(Station.AuthMethod.SECRET)) {
            return Verdict.refused("method_not_allowed");
        }
        return new Verdict(s, Station.AuthMethod.SECRET, null);
    }

    private static Verdict inactive(Station s) {
        return Verdict.refused(s.status() == Station.Status.DELETED ? "station_deleted" : "station_disabled");
    }
}
