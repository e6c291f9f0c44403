package org.bikeguard.tracker.station;

import org.bikeguard.protocol.StationIds;

/**
 * A station as an admin submits it (HTTP PUT or one row of an import). Immutable; validated in
 * the constructor.
 *
 * @param id      station id ({@link StationIds})
 * @param name    1..200 characters, not blank
 * @param kind    one of {@link Station#KINDS}
 * @param lon     WGS-84 longitude, degrees, -180..180
 * @param lat     WGS-84 latitude, degrees, -90..90
 * @param radiusM reading radius in metres, 1..10000
 * @param secret  the station's MQTT password, {@value #MIN_SECRET_LENGTH}..{@value #MAX_SECRET_LENGTH}
 *                characters; {@code null} keeps the stored secret of an existing station (a new
 *                station requires one, unless it authenticates by certificate only)
 * @param authMethods how it may authenticate; {@code null} keeps the stored methods (a new station:
 *                {@link Station#DEFAULT_AUTH})
 * @param certPin the only client certificate to accept; {@code null} keeps the stored pin (a new
 *                station: none)
 */
public record StationInput(
        String id,
        String name,
        String kind,
        double lon,
        double lat,
        int radiusM,
        String secret,
        java.util.Set<Station.AuthMethod> authMethods,
        CertPin certPin) {

    /**
     * A change of the pinned client certificate.
     *
     * @param sha256 the SHA-256 of the only certificate to accept (32 bytes), or null to accept any
     *               certificate of the station CA naming the station
     */
    public record CertPin(byte[] sha256) {
        public CertPin {
            if (sha256 != null && sha256.length != 32) {
                throw new StationValidationException("certificateSha256 must be 64 hexadecimal digits");
            }
            sha256 = sha256 == null ? null : sha256.clone();
        }

        @Override
        public byte[] sha256() {
            return sha256 == null ? null : sha256.clone();
        }
    }

    /** Shortest accepted station secret. */
    public static final int MIN_SECRET_LENGTH = 16;
    /** Longest accepted station secret. */
    public static final int MAX_SECRET_LENGTH = 256;

    /** @throws StationValidationException naming the offending field */
    public StationInput {
        check(id, name, kind, lon, lat, radiusM);
        if (authMethods != null) {
            if (authMethods.isEmpty()) {
                throw new StationValidationException(
                        "authMethods must name at least one of \"secret\", \"certificate\"");
            }
            authMethods = java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(authMethods));
        }
        if (secret != null && (secret.length() < MIN_SECRET_LENGTH || secret.length() > MAX_SECRET_LENGTH)) {
            throw new StationValidationException("secret must be " + MIN_SECRET_LENGTH + ".." + MAX_SECRET_LENGTH
                    + " characters long, got " + secret.length());
        }
    }

    /** Name, place and secret only: stored methods and pin kept (a new station: secret only, no pin). */
    public StationInput(String id, String name, String kind, double lon, double lat, int radiusM, String secret) {
        this(id, name, kind, lon, lat, radiusM, secret, null, null);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "StationInput[id=" + id + ", name=" + name + ", kind=" + kind + ", lon=" + lon + ", lat=" + lat
                + ", radiusM=" + radiusM + ", secret=" + (secret == null ? "unchanged" : "***") + ", authMethods="
                + (authMethods == null ? "unchanged" : authMethods) + ", certPin="
                + (certPin == null ? "unchanged" : certPin.sha256() == null ? "none" : "set") + "]";
    }

    static void check(String id, String name, String kind, double lon, double lat, int radiusM) {
        if (!StationIds.isValid(id)) {
            throw new StationValidationException("id must be 1..32 characters of [A-Za-z0-9._-], got "
                    + (id == null ? "nothing" : "\"" + abbreviate(id) + "\""));
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new StationValidationException("name must be 1..200 characters and not blank");
        }
        if (kind == null || !Station.KINDS.contains(kind)) {
            throw new StationValidationException(
                    "kind must be one of street, intersection, installation, building, got "
                            + (kind == null ? "nothing" : "\"" + abbreviate(kind) + "\""));
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new StationValidationException("lon must be within -180..180, got " + lon);
        }
        if (!(lat >= -90 && lat <= 90)) {
            throw new StationValidationException("lat must be within -90..90, got " + lat);
        }
        if (radiusM < 1 || radiusM > 10_000) {
            throw new StationValidationException("radiusM must be within 1..10000, got " + radiusM);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
