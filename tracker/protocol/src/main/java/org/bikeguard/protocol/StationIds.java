package org.bikeguard.protocol;

/**
 * Station ids: 1 to {@value Limits#MAX_STATION_ID_LENGTH} characters from
 * {@code [A-Za-z0-9._-]}, case-sensitive. The station id is also the MQTT username.
 *
 * <p>Stateless; thread-safe.
 */
public final class StationIds {
    private static final boolean[] ALLOWED = new boolean[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            ALLOWED[c] = true;
            ALLOWED[Character.toLowerCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            ALLOWED[c] = true;
        }
        ALLOWED['.'] = true;
        ALLOWED['_'] = true;
        ALLOWED['-'] = true;
    }

    private StationIds() {}

    /** Whether {@code id} is a valid station id; {@code false} for {@code null}. */
    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > Limits.MAX_STATION_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (!isAllowed(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code c} (a char or an unsigned byte value) may appear in a station id. */
    static boolean isAllowed(int c) {
        return c >= 0 && c < 128 && ALLOWED[c];
    }

    /** Returns {@code id} if valid, otherwise throws {@link IllegalArgumentException}. */
    static String require(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("invalid station id: " + describe(id));
        }
        return id;
    }

    /** A short, log-safe rendering of a possibly hostile id. */
    static String describe(String id) {
        if (id == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(Math.min(id.length(), 40) + 2).append('"');
        for (int i = 0; i < id.length() && i < 40; i++) {
            char c = id.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.append(id.length() > 40 ? "...\"" : "\"").toString();
    }
}
