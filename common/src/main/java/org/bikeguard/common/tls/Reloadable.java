package org.bikeguard.common.tls;

/**
 * TLS material read from files that {@link PemReloader} checks periodically. Implementations are
 * thread-safe: servers use the material on their event loops while the reloader replaces it.
 */
public interface Reloadable {

    /** What this is, for the log ({@code "server certificate /etc/bikeguard/tls.crt"}). */
    String name();

    /**
     * Reads the files again and, when their content differs from the last attempt, replaces the
     * material in use. Blocking (file reads). Contents that failed once are not tried again until
     * they change.
     *
     * @return a short description of the new material ({@code "serial 1a2b, expires ..."}) when it
     *     was replaced, or {@code null} when nothing changed
     * @throws Exception when the new content is unusable; the material in use stays
     */
    String reloadIfChanged() throws Exception;
}
