package org.bikeguard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free TCP ports (on every interface, so on loopback too), asked of the operating system (port
 * 0), for servers that must be told their port before they start (Hazelcast members of a
 * cluster, a tracker restarted on the same ports, a tracker that publishes its own URL). Never a
 * fixed port: two builds on one machine must not collide. The port is free when returned; a
 * process may still take it before the caller binds it, which the OS makes unlikely (it does not
 * hand the same ephemeral port out again soon). Thread-safe.
 */
public final class FreePorts {

    private FreePorts() {}

    /** One free port. */
    public static int free() {
        return free(1)[0];
    }

    /** {@code n} distinct free ports (all held open together while they are picked). */
    public static int[] free(int n) {
        List<ServerSocket> held = new ArrayList<>(n);
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                s.setReuseAddress(true);
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a socket that only reserved a number
                }
            }
        }
    }
}
