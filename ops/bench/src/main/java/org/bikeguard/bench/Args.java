package org.bikeguard.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Minimal {@code --flag value} parser for the benchmark mains: unknown flags and missing or
 * malformed values end the program with a message and exit code 2.
 *
 * <p>Immutable after construction; thread-safe.
 */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    Args(String[] args, String... known) {
        Set<String> names = Set.of(known);
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value = null;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!names.contains(name)) {
                usage("unknown flag " + name + " (known: " + String.join(" ", known) + ")");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    usage(name + " needs a value");
                }
                value = args[++i];
            }
            values.put(name, value);
        }
    }

    int intValue(String name, int dflt) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.replace("_", ""));
        } catch (NumberFormatException e) {
            usage(name + " expects an integer, got '" + v + "'");
            return dflt;
        }
    }

    String value(String name, String dflt) {
        return values.getOrDefault(name, dflt);
    }

    private static void usage(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
