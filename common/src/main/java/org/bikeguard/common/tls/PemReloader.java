package org.bikeguard.common.tls;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks TLS files every {@code interval} on one daemon thread ({@value #THREAD}) and replaces the
 * material of each {@link Reloadable} whose files changed: the servers keep running, new
 * connections get the new material. A reload is logged at info; an unusable new file at warn,
 * once per content, while the old material stays in use. Thread-safe; {@link #close()} stops it.
 */
public final class PemReloader implements AutoCloseable {

    /** Name of the checking thread. */
    public static final String THREAD = "bikeguard-tls-reload";

    private static final Logger LOG = LoggerFactory.getLogger(PemReloader.class);

    private final List<Reloadable> items;
    private final Consumer<String> onFailure;
    private final ScheduledExecutorService scheduler;

    /**
     * Starts checking.
     *
     * @param items     what to check
     * @param interval  time between two checks (at least 100 ms)
     * @param onFailure told the name of an item whose new files could not be used (for a metric)
     */
    public PemReloader(List<Reloadable> items, Duration interval, Consumer<String> onFailure) {
        this.items = List.copyOf(items);
        this.onFailure = onFailure;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, THREAD);
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(100, interval.toMillis());
        scheduler.scheduleWithFixedDelay(this::checkAll, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Checks every item now (also called by the timer). Blocking; never throws. */
    public void checkAll() {
        for (Reloadable item : items) {
            try {
                String loaded = item.reloadIfChanged();
                if (loaded != null) {
                    LOG.info("TLS material reloaded [what: {}, {}]", item.name(), loaded);
                }
            } catch (Exception e) {
                LOG.warn(
                        "TLS files changed but cannot be used; keeping the previous ones [what: {}, error: {}]",
                        item.name(),
                        e.getMessage());
                onFailure.accept(item.name());
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
