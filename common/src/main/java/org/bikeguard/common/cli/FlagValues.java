package org.bikeguard.common.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Conversions of flag values from text, each failing with a {@link UsageException} that names
 * the flag and quotes the value. Stateless; thread-safe.
 */
public final class FlagValues {

    private FlagValues() {}

    /**
     * An integer within {@code min..max}; {@code _} and {@code ,} may group digits ({@code 300_000}).
     */
    public static long integer(String name, String text, long min, long max) throws UsageException {
        long n;
        try {
            n = Long.parseLong(text.trim().replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(name + " expects an integer, got '" + text + "'");
        }
        if (n < min || n > max) {
            throw new UsageException(name + " must be in " + min + ".." + max + ", got " + n);
        }
        return n;
    }

    /** A finite number at least {@code min}; {@code _} may group digits. */
    public static double number(String name, String text, double min) throws UsageException {
        double d;
        try {
            d = Double.parseDouble(text.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(name + " expects a number, got '" + text + "'");
        }
        if (!(d >= min) || Double.isInfinite(d)) {
            throw new UsageException(name + " must be a number >= " + plain(min) + ", got '" + text + "'");
        }
        return d;
    }

    /**
     * A duration of zero or more: ISO-8601 ({@code PT2H}, {@code P1D}) or a number with a unit,
     * {@code ms}, {@code s}, {@code m} or {@code h} ({@code 500ms}, {@code 1.5s}, {@code 90m}); a
     * bare number is seconds. Sub-millisecond parts of a number are rounded.
     */
    public static Duration duration(String name, String text) throws UsageException {
        Duration d = parseDuration(name, text);
        if (d.isNegative()) {
            throw new UsageException(name + " must not be negative, got '" + text + "'");
        }
        return d;
    }

    /** A duration above zero, written as for {@link #duration}. */
    public static Duration positiveDuration(String name, String text) throws UsageException {
        Duration d = parseDuration(name, text);
        if (d.isNegative() || d.isZero()) {
            throw new UsageException(name + " must be positive, got '" + text + "'");
        }
        return d;
    }

    /** {@code host:port} (split at the last colon), the port within 1..65535. */
    public static HostPort hostPort(String name, String text) throws UsageException {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new UsageException(name + " expects host:port, got '" + text + "'");
        }
        return new HostPort(
                text.substring(0, colon), (int) integer(name + " port", text.substring(colon + 1), 1, 65_535));
    }

    /** One of {@code choices}, matched ignoring case; returns the choice as declared. */
    public static String oneOf(String name, String text, String... choices) throws UsageException {
        for (String c : choices) {
            if (c.equalsIgnoreCase(text.trim())) {
                return c;
            }
        }
        String list = choices.length == 1
                ? choices[0]
                : String.join(", ", Arrays.copyOf(choices, choices.length - 1)) + " or " + choices[choices.length - 1];
        throw new UsageException(name + " expects " + list + ", got '" + text + "'");
    }

    private static Duration parseDuration(String name, String text) throws UsageException {
        String s = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p") || s.startsWith("-p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            } else if (s.endsWith("ms")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 2))));
            } else if (s.endsWith("s")) {
                return millis(s, 1_000);
            } else if (s.endsWith("m")) {
                return millis(s, 60_000);
            } else if (s.endsWith("h")) {
                return millis(s, 3_600_000);
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new UsageException(name + " expects a duration such as PT2H, 90m or 10s, got '" + text + "'");
        }
    }

    private static Duration millis(String s, long unitMillis) {
        double n = Double.parseDouble(s.substring(0, s.length() - 1));
        if (Double.isNaN(n) || Double.isInfinite(n)) {
            throw new NumberFormatException(s);
        }
        return Duration.ofMillis(Math.round(n * unitMillis));
    }

    /** {@code 1} rather than {@code 1.0}; {@code 0.001} as is. */
    static String plain(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
