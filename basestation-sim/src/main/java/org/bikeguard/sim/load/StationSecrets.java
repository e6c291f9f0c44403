package org.bikeguard.sim.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic station secrets for load runs: the secret of a station is the first 32 hex
 * digits (128 bits) of SHA-256 over {@code seed + ":" + stationId}, so the provisioning step
 * and the load generator (possibly separate processes) agree without sharing a file.
 *
 * <p>Not for production stations: anyone who knows the seed knows every secret.
 * Stateless; thread-safe.
 */
public final class StationSecrets {
    /** Length of a secret in hex characters. */
    public static final int LENGTH = 32;

    private StationSecrets() {}

    /** The secret of {@code stationId} under {@code seed}: 32 lower-case hex digits. */
    public static String secret(String seed, String stationId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] d = sha.digest((seed + ":" + stationId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, LENGTH / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
