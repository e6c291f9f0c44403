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
 *                station requires one)
 */
public record StationInput(String id, String name, String kind, double lon, double lat, int radiusM, String secret) {

    /** Shortest accepted station secret. */
    public static final int MIN_SECRET_LENGTH = 16;
    /** Longest accepted station secret. */
    public static final int MAX_SECRET_LENGTH = 256;

    /** @throws StationValidationException naming the offending field */
    public StationInput {
        check(id, name, kind, lon, lat, radiusM);
        if (secret != null && (secret.length() < MIN_SECRET_LENGTH || secret.length() > MAX_SECRET_LENGTH)) {
            throw new StationValidationException("secret must be " + MIN_SECRET_LENGTH + ".." + MAX_SECRET_LENGTH
                    + " characters long, got " + secret.length());
        }
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "StationInput[id=" + id + ", name=" + name + ", kind=" + kind + ", lon=" + lon + ", lat=" + lat
                + ", radiusM=" + radiusM + ", secret=" + (secret == null ? "unchanged" : "***") + "]";
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
