package org.bikeguard.tracker.station;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.bikeguard.protocol.StationIds;

/**
 * A base station as registered by an admin. Immutable and thread-safe (the byte arrays are
 * copied in and out).
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
 * @param authMethods  how the station may authenticate at CONNECT, at least one
 * @param certSha256   when not null, the only client certificate accepted for it (SHA-256 of the DER, 32 bytes)
 * @param status       whether it may connect, and whether it still exists for the station API
 */
public record Station(
        String id,
        int idx,
        String name,
        String kind,
        double lon,
        double lat,
        int radiusM,
        byte[] secretDigest,
        Set<AuthMethod> authMethods,
        byte[] certSha256,
        Status status) {

    /** The station kinds of the contract. */
    public static final Set<String> KINDS = Set.of("street", "intersection", "installation", "building");

    /** How a station proves who it is when it connects. */
    public enum AuthMethod {
        /** MQTT password = the station's secret. */
        SECRET,
        /** A client certificate issued by the station CA whose subject CN is the station id (MQTT over TLS). */
        CERTIFICATE;

        /** The API and database form: {@code secret}, {@code certificate}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws StationValidationException for anything but {@code secret} or {@code certificate} */
        public static AuthMethod ofWire(String s) {
            if ("secret".equals(s)) {
                return SECRET;
            }
            if ("certificate".equals(s)) {
                return CERTIFICATE;
            }
            throw new StationValidationException("authMethods may hold only \"secret\" and \"certificate\", got "
                    + (s == null ? "null" : "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\""));
        }
    }

    /** Whether a station may connect, and whether it still exists for the station API. */
    public enum Status {
        /** In service. */
        ACTIVE,
        /** Refused at CONNECT; still listed. */
        DISABLED,
        /** Refused at CONNECT and gone from the station API; kept because history names it. */
        DELETED;

        /** The API and database form: {@code active}, {@code disabled}, {@code deleted}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException for an unknown value */
        public static Status ofWire(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    /** How a station authenticates unless an admin says otherwise. */
    public static final Set<AuthMethod> DEFAULT_AUTH = Collections.unmodifiableSet(EnumSet.of(AuthMethod.SECRET));

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
        if (authMethods == null || authMethods.isEmpty()) {
            throw new StationValidationException("authMethods must name at least one method");
        }
        authMethods = Collections.unmodifiableSet(EnumSet.copyOf(authMethods));
        if (certSha256 != null && certSha256.length != 32) {
            throw new StationValidationException("certificateSha256 must be 32 bytes");
        }
        certSha256 = certSha256 == null ? null : certSha256.clone();
        Objects.requireNonNull(status, "status");
    }

    /** An active station accepting its secret only, without a pinned certificate. */
    public Station(
            String id, int idx, String name, String kind, double lon, double lat, int radiusM, byte[] secretDigest) {
        this(id, idx, name, kind, lon, lat, radiusM, secretDigest, DEFAULT_AUTH, null, Status.ACTIVE);
    }

    /** A copy of the 32-byte digest. */
    @Override
    public byte[] secretDigest() {
        return secretDigest.clone();
    }

    /** A copy of the pinned certificate's SHA-256, or null. */
    @Override
    public byte[] certSha256() {
        return certSha256 == null ? null : certSha256.clone();
    }

    /** Whether the station may connect at all. */
    public boolean active() {
        return status == Status.ACTIVE;
    }

    /** Whether the station may authenticate with {@code method}. */
    public boolean accepts(AuthMethod method) {
        return authMethods.contains(method);
    }

    /** Whether {@code sha256} is acceptable as the station's certificate (any, unless one is pinned). */
    public boolean certificateMatches(byte[] sha256) {
        return certSha256 == null || java.security.MessageDigest.isEqual(certSha256, sha256);
    }

    /** Constant-time comparison of the stored digest with {@code digest}; allocation-free. */
    public boolean digestMatches(byte[] digest) {
        return java.security.MessageDigest.isEqual(secretDigest, digest);
    }

    /**
     * Whether a connection authenticated as {@code this} may stay connected as {@code now}: same
     * status, secret, methods and pinned certificate (a renamed or moved station keeps its session).
     */
    public boolean sameCredentials(Station now) {
        return now != null
                && now.status == status
                && Arrays.equals(now.secretDigest, secretDigest)
                && now.authMethods.equals(authMethods)
                && Arrays.equals(now.certSha256, certSha256);
    }

    /** Value equality, including the byte arrays' contents. */
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
                && Arrays.equals(s.secretDigest, secretDigest)
                && s.authMethods.equals(authMethods)
                && Arrays.equals(s.certSha256, certSha256)
                && s.status == status;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, idx, name, kind, lon, lat, radiusM, authMethods, status) * 31
                + Arrays.hashCode(secretDigest);
    }

    /** Never prints the digest. */
    @Override
    public String toString() {
        return "Station[id=" + id + ", idx=" + idx + ", name=" + name + ", kind=" + kind + ", lon=" + lon + ", lat="
                + lat + ", radiusM=" + radiusM + ", authMethods=" + authMethods + ", certPinned=" + (certSha256 != null)
                + ", status=" + status.wire() + "]";
    }
}
