package org.bikeguard.common.cli;

import java.time.Duration;
import java.util.Map;

/**
 * The flags of one command line, as {@link FlagParser#parse} found them, with typed getters that
 * return the default when the flag is absent and convert (and check) it when present, failing with
 * a {@link UsageException} naming the flag. Defaults are not checked. Asking for a flag the parser
 * does not declare is a programming error ({@link IllegalArgumentException}).
 *
 * <p>Immutable; thread-safe.
 */
public final class ParsedFlags {

    private final Map<String, FlagParser.Kind> declared;
    private final Map<String, String> values;
    private final Map<String, Integer> positions;
    private final boolean help;

    ParsedFlags(
            Map<String, FlagParser.Kind> declared,
            Map<String, String> values,
            Map<String, Integer> positions,
            boolean help) {
        this.declared = declared;
        this.values = Map.copyOf(values);
        this.positions = Map.copyOf(positions);
        this.help = help;
    }

    /** Whether a help name was given (no other value is then read). */
    public boolean helpRequested() {
        return help;
    }

    /** Whether the flag (option or switch) was given. */
    public boolean has(String name) {
        return values.containsKey(check(name));
    }

    /** The option's value as given, or null when absent. */
    public String value(String name) {
        return values.get(check(name));
    }

    /** The option's value as given, or {@code def} when absent. */
    public String value(String name, String def) {
        String v = value(name);
        return v == null ? def : v;
    }

    /** Of the given flags, the one given last on the command line, or null when none was given. */
    public String lastOf(String... names) {
        String last = null;
        int at = -1;
        for (String n : names) {
            Integer p = positions.get(check(n));
            if (p != null && p > at) {
                at = p;
                last = n;
            }
        }
        return last;
    }

    /** An int option (any int), or {@code def}. */
    public int intValue(String name, int def) throws UsageException {
        return intValue(name, def, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** An int option within {@code min..max}, or {@code def}. */
    public int intValue(String name, int def, int min, int max) throws UsageException {
        String v = value(name);
        return v == null ? def : (int) FlagValues.integer(name, v, min, max);
    }

    /** A long option within {@code min..max}, or {@code def}. */
    public long longValue(String name, long def, long min, long max) throws UsageException {
        String v = value(name);
        return v == null ? def : FlagValues.integer(name, v, min, max);
    }

    /** A finite number option at least {@code min}, or {@code def}. */
    public double number(String name, double def, double min) throws UsageException {
        String v = value(name);
        return v == null ? def : FlagValues.number(name, v, min);
    }

    /** A duration option of zero or more (see {@link FlagValues#duration}), or {@code def}. */
    public Duration duration(String name, Duration def) throws UsageException {
        String v = value(name);
        return v == null ? def : FlagValues.duration(name, v);
    }

    /** A duration option above zero (see {@link FlagValues#duration}), or {@code def}. */
    public Duration positiveDuration(String name, Duration def) throws UsageException {
        String v = value(name);
        return v == null ? def : FlagValues.positiveDuration(name, v);
    }

    private String check(String name) {
        FlagParser.Kind k = declared.get(name);
        if (k == null || k == FlagParser.Kind.HELP) {
            throw new IllegalArgumentException("flag not declared: " + name);
        }
        return name;
    }

    @Override
    public String toString() {
        return help ? "ParsedFlags[help]" : "ParsedFlags" + values;
    }
}
