package org.bikeguard.tracker.registry;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalising and checking the registry's identifiers and texts. Plates and frame numbers are
 * compared in a canonical form (upper case; blanks, {@code ·} and {@code -} removed). Phones are
 * mainland mobile numbers (11 digits starting with 1). Stateless; thread-safe.
 */
public final class Values {

    /** The zone of every calendar date of the registry. */
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static final Pattern PHONE = Pattern.compile("1[3-9][0-9]{9}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s·•\\-]+");

    private Values() {}

    /** The canonical plate, e.g. {@code "湘D·12345"} gives {@code "湘D12345"}. */
    public static String plate(String raw) {
        String s = required(raw, "plate", 32);
        String c = SEPARATORS.matcher(s).replaceAll("").toUpperCase(Locale.ROOT);
        if (c.isEmpty()) {
            throw RegistryException.invalid("plate", "is required");
        }
        return c;
    }

    /** The canonical frame number (letters and digits, upper case). */
    public static String frameNo(String raw) {
        return identifier(raw, "frameNo");
    }

    /** A canonical identifier such as a frame or motor number: 1..40 letters and digits. */
    public static String identifier(String raw, String field) {
        String c = SEPARATORS.matcher(required(raw, field, 64)).replaceAll("").toUpperCase(Locale.ROOT);
        if (c.isEmpty()
                || c.length() > 40
                || !c.chars().allMatch(ch -> (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z'))) {
            throw RegistryException.invalid(field, "must be 1..40 letters and digits");
        }
        return c;
    }

    /** An optional identifier: empty when absent or blank. */
    public static String optionalIdentifier(String raw, String field) {
        return raw == null || raw.isBlank() ? "" : identifier(raw, field);
    }

    /** A mainland mobile number, blanks and dashes removed. */
    public static String phone(String raw) {
        String c = SEPARATORS.matcher(required(raw, "phone", 32)).replaceAll("");
        if (c.startsWith("+86")) {
            c = c.substring(3);
        }
        if (!PHONE.matcher(c).matches()) {
            throw RegistryException.invalid("phone", "must be an 11-digit mobile number starting with 1");
        }
        return c;
    }

    /** A required text of 1..{@code max} characters, trimmed. */
    public static String required(String raw, String field, int max) {
        if (raw == null || raw.isBlank()) {
            throw RegistryException.invalid(field, "is required");
        }
        String t = raw.trim();
        if (t.length() > max) {
            throw RegistryException.invalid(field, "must be at most " + max + " characters");
        }
        return t;
    }

    /** An optional text of at most {@code max} characters, trimmed; empty when absent. */
    public static String optional(String raw, String field, int max) {
        return raw == null || raw.isBlank() ? "" : required(raw, field, max);
    }

    /** Today in Asia/Shanghai. */
    public static LocalDate today(java.time.Clock clock) {
        return LocalDate.now(clock.withZone(SHANGHAI));
    }
}
