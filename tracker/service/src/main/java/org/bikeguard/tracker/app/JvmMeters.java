package org.bikeguard.tracker.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;

/** Heap, GC pauses, threads and CPU in the tracker's registry, so that operators see the JVM beside the pipeline. */
final class JvmMeters {

    private JvmMeters() {}

    /**
     * Binds the JVM's meters to {@code metrics}; returns what stops the GC notifications, for the
     * tracker's close. Called once, at start.
     */
    static AutoCloseable bind(MeterRegistry metrics) {
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(metrics);
        return gc;
    }
}
