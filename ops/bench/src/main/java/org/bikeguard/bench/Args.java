package org.bikeguard.bench;

import org.bikeguard.common.cli.FlagParser;
import org.bikeguard.common.cli.ParsedFlags;
import org.bikeguard.common.cli.UsageException;

/**
 * The benchmark mains' face of the shared {@link FlagParser}: {@code --flag value} options only;
 * unknown flags (the message lists the known ones) and missing or malformed values end the program
 * with the message and exit code 2.
 *
 * <p>Immutable after construction; thread-safe.
 */
final class Args {
    private final ParsedFlags flags;

    Args(String[] args, String... known) {
        ParsedFlags parsed = null;
        try {
            parsed = FlagParser.builder("benchmark").options(known).build().parse(args);
        } catch (UsageException e) {
            usage(e.getMessage());
        }
        this.flags = parsed;
    }

    int intValue(String name, int dflt) {
        try {
            return flags.intValue(name, dflt);
        } catch (UsageException e) {
            usage(e.getMessage());
            return dflt;
        }
    }

    String value(String name, String dflt) {
        return flags.value(name, dflt);
    }

    private static void usage(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
