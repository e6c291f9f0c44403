package org.bikeguard.tracker.registry;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Resident identity card numbers (GB 11643-1999): 17 digits (6-digit region code, 8-digit birth
 * date {@code yyyyMMdd}, 3-digit sequence) and a check character computed as ISO 7064 MOD 11-2
 * ({@code 0-9} or {@code X}). The old 15-digit numbers (no longer valid since 2013) are refused.
 * Stateless; thread-safe.
 */
public final class IdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    private static final LocalDate OLDEST_BIRTH = LocalDate.of(1900, 1, 1);

    private IdNumbers() {}

    /** The check character for the first 17 digits of {@code number}. */
    public static char checkChar(CharSequence number) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (number.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    /**
     * Validates {@code raw} and returns the canonical form (trimmed, upper-case {@code X}).
     *
     * @param today the current Asia/Shanghai date (birth dates after it are refused)
     * @throws IllegalArgumentException saying what is wrong (never echoing the number)
     */
    public static String canonical(String raw, LocalDate today) {
        if (raw == null) {
            throw new IllegalArgumentException("idNumber is required");
        }
        String s = raw.trim().toUpperCase(Locale.ROOT);
        if (s.length() != 18) {
            throw new IllegalArgumentException("idNumber must have 18 characters (GB 11643)");
        }
        for (int i = 0; i < 17; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw new IllegalArgumentException("idNumber must be 17 digits and a check digit or X");
            }
        }
        if (s.charAt(0) == '0') {
            throw new IllegalArgumentException("idNumber has an invalid region code");
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(
                    Integer.parseInt(s.substring(6, 10)),
                    Integer.parseInt(s.substring(10, 12)),
                    Integer.parseInt(s.substring(12, 14)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("idNumber has an invalid birth date");
        }
        if (birth.isBefore(OLDEST_BIRTH) || birth.isAfter(today)) {
            throw new IllegalArgumentException("idNumber has an invalid birth date");
        }
        if (s.charAt(17) != checkChar(s)) {
            throw new IllegalArgumentException("idNumber check digit is wrong");
        }
        return s;
    }

    /**
     * The masked form shown to everyone who need not see the number: the first 3 and the last 4
     * characters kept, the 11 between replaced by {@code *} ({@code 430***********123X}).
     */
    public static String mask(String number) {
        if (number == null || number.length() < 8) {
            return "*".repeat(number == null ? 0 : number.length());
        }
        return number.substring(0, 3) + "*".repeat(number.length() - 7) + number.substring(number.length() - 4);
    }
}
