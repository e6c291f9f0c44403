package org.bikeguard.claims.work;

/**
 * Checks for the liability screens: resident identity numbers (GB 11643-1999, 18 characters with
 * an ISO 7064 MOD 11-2 check character), the key of the per-person limits. The fault share's
 * arithmetic is {@link org.bikeguard.claims.payout.LiabilityAssessment#share}. Pure; thread-safe.
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
}
