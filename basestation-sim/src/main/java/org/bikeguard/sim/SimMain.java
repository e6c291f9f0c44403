package org.bikeguard.sim;

import java.io.PrintStream;
import java.util.Arrays;
import org.bikeguard.common.cli.UsageException;
import org.bikeguard.sim.load.LoadOptions;
import org.bikeguard.sim.load.LoadRunner;
import org.bikeguard.sim.run.CityOptions;
import org.bikeguard.sim.run.CityRunner;
import org.bikeguard.sim.score.Scorer;

/**
 * Entry point of the base-station simulator: {@code sim [subcommand] [flags]}.
 *
 * <ul>
 *   <li>no subcommand, a flag first, or {@code city}: the simulated city ({@link CityRunner});</li>
 *   <li>{@code score}: compares the tracker's sightings with a city run's ground truth
 *       ({@link Scorer});</li>
 *   <li>{@code load}: the load generator ({@link LoadRunner}), one MQTT connection per
 *       simulated station.</li>
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

    private static final String USAGE = String.join(
            "\n",
            "usage: sim [subcommand] [flags]",
            "  city    the simulated city with ground truth (the default; sim city --help)",
            "  score   score the tracker's sightings against a city run's truth (sim score --help)",
            "  load    generate MQTT load, one connection per station (sim load --help)");

    private SimMain() {}

    /** Runs the simulator and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the simulator; returns the exit code instead of exiting. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].startsWith("--") && !args[0].equals("--help")) {
            return city(args, out, err);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "city":
                return city(rest, out, err);
            case "score":
                return score(rest, out, err);
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

    private static int city(String[] args, PrintStream out, PrintStream err) {
        CityOptions options;
        try {
            options = CityOptions.parse(args);
        } catch (UsageException e) {
            return usage("sim city", e, "sim city --help", err);
        }
        if (options == null) {
            out.println(CityOptions.USAGE);
            return EXIT_OK;
        }
        try {
            return new CityRunner(options, out).run();
        } catch (UsageException e) {
            return usage("sim city", e, "sim city --help", err);
        } catch (Exception e) {
            err.println("sim city: " + e);
            return EXIT_FAILED;
        }
    }

    private static int score(String[] args, PrintStream out, PrintStream err) {
        Scorer scorer;
        try {
            scorer = Scorer.parse(args, out);
        } catch (UsageException e) {
            return usage("sim score", e, "sim score --help", err);
        }
        if (scorer == null) {
            out.println(Scorer.USAGE);
            return EXIT_OK;
        }
        try {
            return scorer.run();
        } catch (Exception e) {
            err.println("sim score: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    private static int load(String[] args, PrintStream out, PrintStream err) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (UsageException e) {
            return usage("sim load", e, "sim load --help", err);
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

    private static int usage(String who, UsageException e, String help, PrintStream err) {
        err.println(who + ": " + e.getMessage());
        err.println("run '" + help + "' for the list of flags");
        return EXIT_USAGE;
    }
}
