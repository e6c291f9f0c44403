package org.bikeguard.sim;

/**
 * A command line the simulator cannot run: unknown flag, missing or malformed value. The
 * message is meant for the user as is; {@link SimMain} prints it with the usage text and exits
 * with {@link SimMain#EXIT_USAGE}.
 *
 * <p>Immutable; thread-safe.
 */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a user-facing message. */
    public UsageException(String message) {
        super(message, null, false, false);
    }
}
