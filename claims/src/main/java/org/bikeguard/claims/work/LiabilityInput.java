package org.bikeguard.claims.work;

/**
 * Checks and arithmetic for the liability screens: resident identity numbers (GB 11643-1999,
 * 18 characters with an ISO 7064 MOD 11-2 check character), the key of the per-person limits; and
 * the rider's fault share applied to an assessed damage. Money in fen. Pure; thread-safe.
 */
public final class LiabilityInput {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    private LiabilityInput() {}

    /** Whether {@code id} is a well-formed 18-character identity number (check character included). */
    public static boolean validIdNumber(String id) {
        if (id == null || !id.matches("\\d{17}[\\dX]")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11) == id.charAt(17);
    }

    /**
     * The rider's part of a damage: {@code damageFen × percent / 100}, rounded half up to the fen.
     *
     * @throws IllegalArgumentException for a negative damage or a share outside 0–100
     */
    public static long share(long damageFen, int percent) {
        if (damageFen < 0 || percent < 0 || percent > 100) {
            throw new IllegalArgumentException("damage must be non-negative fen and the share 0 to 100 percent");
        }
        return Math.addExact(Math.multiplyExact(damageFen, percent), 50) / 100;
    }
}
