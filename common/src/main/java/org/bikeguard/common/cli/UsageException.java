package org.bikeguard.common.cli;

/**
 * A command line that cannot run: unknown flag, missing or malformed value, inconsistent
 * combination. The message names the flag and is meant for the user as is; the program prints it
 * (with a pointer to its usage text) and exits with its usage exit code (2 by convention).
 * Immutable; thread-safe.
 */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a user-facing message (no stack trace: it is not a bug). */
    public UsageException(String message) {
        super(message, null, false, false);
    }
}
