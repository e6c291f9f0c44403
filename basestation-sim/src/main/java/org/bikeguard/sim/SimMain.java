package org.bikeguard.sim;

import java.io.PrintStream;
import java.util.Arrays;
import org.bikeguard.sim.load.LoadOptions;
import org.bikeguard.sim.load.LoadRunner;

/**
 * Entry point of the base-station simulator: {@code sim <subcommand> [flags]}.
 *
 * <ul>
 *   <li>{@code load}: the load generator ({@link LoadRunner}), one MQTT connection per
 *       simulated station;</li>
 *   <li>no subcommand / {@code city}: the city simulation (not built yet).</li>
 * </ul>
 *
 * Exit codes: 0 success, 1 run failed, 2 bad command line. Stateless; thread-safe.
 */
public final class SimMain {
    /** Exit code of a successful run. */
    public static final int EXIT_OK = 0;
    /** Exit code of a run that could not do its job. */
    public static final int EXIT_FAILED = 1;
    /** Exit code of a bad command line. */
    public static final int EXIT_USAGE = 2;

    private static final String USAGE = String.join("\n",
            "usage: sim <subcommand> [flags]",
            "  load    generate MQTT load, one connection per station (sim load --help)",
            "  city    the simulated city (not built yet)");

    private SimMain() {
    }

    /** Runs the simulator and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the simulator; returns the exit code instead of exiting. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("city")) {
            err.println("sim: city mode not built yet; use 'sim load' for the load generator");
            return EXIT_FAILED;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "load":
                return load(rest, out, err);
            case "help":
            case "--help":
            case "-h":
                out.println(USAGE);
                return EXIT_OK;
            default:
                err.println("sim: unknown subcommand '" + args[0] + "'");
                err.println(USAGE);
                return EXIT_USAGE;
        }
    }

    private static int load(String[] args, PrintStream out, PrintStream err) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (UsageException e) {
            err.println("sim load: " + e.getMessage());
            err.println("run 'sim load --help' for the list of flags");
            return EXIT_USAGE;
        }
        if (options == null) {
            out.println(LoadOptions.USAGE);
            return EXIT_OK;
        }
        try {
            return new LoadRunner(options, out).run();
        } catch (Exception e) {
            err.println("sim load: " + e);
            return EXIT_FAILED;
        }
    }
}
