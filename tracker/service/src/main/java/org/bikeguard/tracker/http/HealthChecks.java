package org.bikeguard.tracker.http;

import io.vertx.core.Future;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Named health checks behind {@code GET /health}. A check is a supplier of a future that succeeds
 * when the thing is healthy; it is called on the event loop, so it must not block (run blocking
 * probes on a worker and return that future). Registering a name again replaces the check.
 * Thread-safe.
 */
public final class HealthChecks {

    private final Map<String, Supplier<Future<Void>>> checks = Collections.synchronizedMap(new LinkedHashMap<>());

    /** Adds or replaces the check called {@code name}. */
    public HealthChecks register(String name, Supplier<Future<Void>> check) {
        checks.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
        return this;
    }

    /** Adds the check unless one of that name exists. */
    public HealthChecks registerIfAbsent(String name, Supplier<Future<Void>> check) {
        checks.putIfAbsent(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
        return this;
    }

    /** Removes the check called {@code name}, if any. */
    public HealthChecks unregister(String name) {
        checks.remove(name);
        return this;
    }

    /** A snapshot of the registered checks, in registration order. */
    public Map<String, Supplier<Future<Void>>> checks() {
        synchronized (checks) {
            return new LinkedHashMap<>(checks);
        }
    }
}
