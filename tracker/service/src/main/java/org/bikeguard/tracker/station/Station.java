package org.bikeguard.tracker.station;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import org.bikeguard.protocol.StationIds;

/**
 * A base station as registered by an admin. Immutable and thread-safe (the digest array is
 * copied in and never handed out mutable by the registry's API answers).
 *
 * @param id           station id ({@link StationIds}), also the station's MQTT username
 * @param idx          dense index from the database identity column, &gt;= 1, never reused
 * @param name         human-readable name, 1..200 characters
 * @param kind         one of {@link #KINDS}
 * @param lon          WGS-84 longitude, degrees, -180..180
 * @param lat          WGS-84 latitude, degrees, -90..90
 * @param radiusM      reading radius in metres, 1..10000
 * @param secretDigest HMAC-SHA256 (32 bytes) of the station secret under the server key
 *                     {@code station-secret}
 */
public record Station(
        String id, int idx, String name, String kind, double lon, double lat, int radiusM, byte[] secretDigest) {

    /** The station kinds of the contract. */
    public static final Set<String> KINDS = Set.of("street", "intersection", "installation", "building");

    /** Validates every field. @throws StationValidationException on a bad value */
    public Station {
        StationInput.check(id, name, kind, lon, lat, radiusM);
        if (idx < 1) {
            throw new StationValidationException("idx must be >= 1, got " + idx);
        }
        if (secretDigest == null || secretDigest.length != 32) {
            throw new StationValidationException("secretDigest must be 32 bytes");
        }
        secretDigest = secretDigest.clone();
    }

    /** A copy of the 32-byte digest. */
    @Override
    public byte[] secretDigest() {
        return secretDigest.clone();
    }

    /** Constant-time comparison of the stored digest with {@code digest}; allocation-free. */
    public boolean digestMatches(byte[] digest) {
        return java.security.MessageDigest.isEqual(secretDigest, digest);
    }

    /** Value equality, including the digest's bytes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Station s
                && s.idx == idx
                && s.id.equals(id)
                && s.name.equals(name)
                && s.kind.equals(kind)
                && Double.compare(s.lon, lon) == 0
                && Double.compare(s.lat, lat) == 0
                && s.radiusM == radiusM
                && Arrays.equals(s.secretDigest, secretDigest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, idx, name, kind, lon, lat, radiusM) * 31 + Arrays.hashCode(secretDigest);
    }

    /** Never prints the digest. */
    @Override
    public String toString() {
        return "Station[id=" + id + ", idx=" + idx + ", name=" + name + ", kind=" + kind + ", lon=" + lon + ", lat="
                + lat + ", radiusM=" + radiusM + "]";
    }
}
