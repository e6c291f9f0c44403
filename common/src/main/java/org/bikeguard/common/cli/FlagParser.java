package org.bikeguard.common.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A declared set of command-line flags and their parser. Grammar: {@code --name value} or
 * {@code --name=value} for an option (the next argument is its value, whatever it looks like),
 * {@code --name} for a switch, a help name ({@code --help}, {@code -h}) stops parsing and reports
 * that help was asked for; a repeated flag keeps its last value. Errors, in argument order:
 * {@code unknown flag X} (listing the known flags when the parser has no help name, so the user
 * learns them somewhere), {@code X needs a value}, {@code X takes no value},
 * {@code unexpected argument 'X'}.
 *
 * <p>Immutable once built; thread-safe.
 */
public final class FlagParser {

    enum Kind {
        OPTION,
        SWITCH,
        HELP
    }

    private final String command;
    private final Map<String, Kind> kinds;
    private final String usage;

    private FlagParser(Builder b) {
        this.command = b.command;
        this.kinds = Collections.unmodifiableMap(new LinkedHashMap<>(b.kinds));
        this.usage = b.usage != null ? b.usage : generatedUsage(b);
    }

    /** A builder for the flags of {@code command} (used in the generated usage text). */
    public static Builder builder(String command) {
        return new Builder(command);
    }

    /**
     * Parses a command line (without the program or subcommand name).
     *
     * @return the values; {@link ParsedFlags#helpRequested()} when a help name came first
     * @throws UsageException at the first problem, in argument order
     */
    public ParsedFlags parse(String... args) throws UsageException {
        Map<String, String> values = new HashMap<>();
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value = null;
            int eq = name.indexOf('=');
            if (name.startsWith("--") && eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Kind kind = kinds.get(name);
            if (kind == null) {
                throw new UsageException(name.startsWith("-") ? unknown(name) : "unexpected argument '" + name + "'");
            }
            if (kind != Kind.OPTION && value != null) {
                throw new UsageException(name + " takes no value");
            }
            if (kind == Kind.HELP) {
                return new ParsedFlags(kinds, Map.of(), Map.of(), true);
            }
            if (kind == Kind.OPTION && value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(name + " needs a value");
                }
                value = args[++i];
            }
            values.put(name, kind == Kind.SWITCH ? "true" : value);
            positions.put(name, i);
        }
        return new ParsedFlags(kinds, values, positions, false);
    }

    /** The usage text: the one given to the builder, or one listing the declared flags. */
    public String usage() {
        return usage;
    }

    /** The command this parser belongs to. */
    public String command() {
        return command;
    }

    private String unknown(String name) {
        if (kinds.containsValue(Kind.HELP)) {
            return "unknown flag " + name;
        }
        return "unknown flag " + name + " (known: " + String.join(" ", declared()) + ")";
    }

    private List<String> declared() {
        return new ArrayList<>(kinds.keySet());
    }

    private static String generatedUsage(Builder b) {
        StringBuilder sb = new StringBuilder("usage: ").append(b.command).append(" [flags]");
        b.kinds.forEach((name, kind) -> sb.append("\n  ").append(name).append(kind == Kind.OPTION ? " VALUE" : ""));
        return sb.toString();
    }

    /** Declares the flags; {@link #build()} makes the parser. Not thread-safe. */
    public static final class Builder {

        private final String command;
        private final Map<String, Kind> kinds = new LinkedHashMap<>();
        private String usage;

        private Builder(String command) {
            this.command = Objects.requireNonNull(command, "command");
        }

        /** Options: flags that take a value. */
        public Builder options(String... names) {
            return declare(Kind.OPTION, names);
        }

        /** Switches: flags without a value, present or not. */
        public Builder switches(String... names) {
            return declare(Kind.SWITCH, names);
        }

        /** Names that ask for the usage text ({@code --help}, {@code -h}). */
        public Builder help(String... names) {
            return declare(Kind.HELP, names);
        }

        /** The usage text to show for help (default: generated from the declared flags). */
        public Builder usage(String text) {
            this.usage = Objects.requireNonNull(text, "text");
            return this;
        }

        public FlagParser build() {
            return new FlagParser(this);
        }

        private Builder declare(Kind kind, String... names) {
            for (String n : names) {
                if (!n.startsWith("-") || n.contains("=")) {
                    throw new IllegalArgumentException("a flag starts with '-' and has no '=': " + n);
                }
                if (kinds.putIfAbsent(n, kind) != null) {
                    throw new IllegalArgumentException("flag declared twice: " + n);
                }
            }
            return this;
        }
    }
}
