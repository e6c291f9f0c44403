package org.bikeguard.claims.tracker;

import io.vertx.core.Future;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the claims module needs from the tracker (registry, theft cases, sightings, stations),
 * reached through the tracker's public API, never its tables. Failures: a missing resource fails
 * the future with a 404 {@link org.bikeguard.claims.ClaimsException}, an unreachable or broken
 * tracker with 502. Implementations are thread-safe; futures complete on a Vert.x context.
 */
public interface TrackerGateway {

    /**
     * The same port, asking the tracker on behalf of the user whose bearer token this is: the
     * tracker's audit rows for the reads then name that user, with the service as {@code via}
     * (docs/claims.md, "Reads on behalf of the user"). {@code null} or blank: this gateway.
     */
    default TrackerGateway onBehalfOf(String bearerToken) {
        return this;
    }

    /** A registered bike. */
    Future<Bike> bike(String bikeId);

    /** A registered owner. */
    Future<Owner> owner(String ownerId);

    /** A theft case. */
    Future<TheftCase> theftCase(String caseId);

    /** The tag's sightings overlapping {@code [from, to)} (at most 31 days), in time order. */
    Future<List<Sighting>> sightings(String tag, Instant from, Instant to);

    /** A base station. */
    Future<Station> station(String stationId);

    /**
     * A bike in the registry.
     *
     * @param purchaseDate     Asia/Shanghai date of purchase
     * @param purchasePriceFen purchase price in fen (0 when unknown)
     * @param tag              the anti-theft tag id (canonical upper-case hex), or null
     * @param status           the registry's status: {@code registered}, {@code stolen} (a theft
     *                         case is open) or {@code deregistered}; null when not told
     */
    record Bike(
            String id,
            String ownerId,
            String plate,
            String frameNo,
            LocalDate purchaseDate,
            long purchasePriceFen,
            String tag,
            String status) {
        public Bike {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(ownerId, "ownerId");
            Objects.requireNonNull(purchaseDate, "purchaseDate");
        }

        /** A bike whose registry status is not told (treated as registered). */
        public Bike(
                String id,
                String ownerId,
                String plate,
                String frameNo,
                LocalDate purchaseDate,
                long purchasePriceFen,
                String tag) {
            this(id, ownerId, plate, frameNo, purchaseDate, purchasePriceFen, tag, null);
        }

        /** Whether the registry shows the bike as stolen (an open theft case). */
        public boolean stolen() {
            return "stolen".equals(status);
        }
    }

    /**
     * A bike owner (personal data: keep to what a claim needs).
     *
     * @param idNumberMasked ID card number with the middle digits masked
     * @param phone          the owner's phone (owners log in with it)
     * @param username       the owner's login name (defaults to the phone)
     * @param homeStation    id of the base station nearest the owner's home, or null if unknown
     */
    record Owner(String id, String name, String idNumberMasked, String phone, String username, String homeStation) {
        public Owner {
            Objects.requireNonNull(id, "id");
            if (username == null) {
                username = phone;
            }
        }
    }

    /**
     * A theft case; instants are UTC.
     *
     * @param status reported | confirmed | recovered | closed
     */
    record TheftCase(
            String id,
            String bikeId,
            String status,
            String caseNo,
            Instant stolenAt,
            Instant reportedAt,
            Instant confirmedAt,
            Instant recoveredAt) {
        public TheftCase {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(bikeId, "bikeId");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(stolenAt, "stolenAt");
        }

        /** Whether the police confirmed the theft (now or before a recovery). */
        public boolean confirmed() {
            return confirmedAt != null || "confirmed".equals(status);
        }
    }

    /** One sighting of a tag at a station (UTC instants). */
    record Sighting(String station, Instant firstSeen, Instant lastSeen, long reads, int peakRssi, boolean open) {
        public Sighting {
            Objects.requireNonNull(station, "station");
            Objects.requireNonNull(firstSeen, "firstSeen");
            Objects.requireNonNull(lastSeen, "lastSeen");
        }
    }

    /** A base station; position in WGS-84 degrees, radius in metres. */
    record Station(String id, String name, String kind, double lon, double lat, double radiusM) {
        public Station {
            Objects.requireNonNull(id, "id");
        }
    }
}
