package org.bikeguard.tracker.keys;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys a running tracker uses: those of its key file, followed when the file changes
 * ({@link #reload}, called periodically: a rotation written by {@code bikeguard keys rotate} or a
 * new Kubernetes Secret reaches the member without a restart), or fixed ones (from
 * {@code BIKEGUARD_KEYS}, tests). A changed file is taken only when it is the same key file (same
 * {@code fileId}) with the same station-secret key; otherwise the member logs an error and keeps
 * its keys. Thread-safe: readers see one whole {@link Keys} at a time.
 */
public final class LiveKeys {

    private static final Logger LOG = LoggerFactory.getLogger(LiveKeys.class);

    private final KeyFile file;
    private final AtomicReference<Keys> keys;
    private volatile String lastText;

    private LiveKeys(KeyFile file, Keys keys, String text) {
        this.file = file;
        this.keys = new AtomicReference<>(Objects.requireNonNull(keys, "keys"));
        this.lastText = text;
    }

    /** Keys that never change (from the environment, or a test's). */
    public static LiveKeys fixed(Keys keys) {
        return new LiveKeys(null, keys, null);
    }

    /** Keys read from {@code file} (its current content is {@code keys}), followed by {@link #reload}. */
    public static LiveKeys following(KeyFile file, Keys keys) {
        return new LiveKeys(
                Objects.requireNonNull(file, "file"), keys, file.readText().orElse(null));
    }

    /** The keys now. */
    public Keys get() {
        return keys.get();
    }

    /** The ring of {@code purpose} now. */
    public KeyRing ring(KeyPurpose purpose) {
        return keys.get().ring(purpose);
    }

    /** A supplier of the ring of {@code purpose} as it is at each call. */
    public Supplier<KeyRing> ringOf(KeyPurpose purpose) {
        return () -> ring(purpose);
    }

    /** The key file followed, if any. */
    public Optional<KeyFile> file() {
        return Optional.ofNullable(file);
    }

    /**
     * Reads the key file again and takes its keys when they changed and may replace these.
     * Blocking (file I/O); call from a scheduler thread.
     *
     * @return whether the keys changed
     */
    public boolean reload() {
        if (file == null) {
            return false;
        }
        String text;
        try {
            text = file.readText().orElse(null);
        } catch (IllegalStateException e) {
            LOG.error("cannot read the key file, keeping the keys in use [file: {}]: {}", file.path(), e.getMessage());
            return false;
        }
        if (text == null || text.equals(lastText)) {
            if (text == null && lastText != null) {
                LOG.warn("the key file has gone, keeping the keys in use [file: {}]", file.path());
                lastText = null;
            }
            return false;
        }
        lastText = text;
        Keys now = keys.get();
        Keys next;
        try {
            next = Keys.fromJson(text, file.path().toString());
        } catch (IllegalArgumentException e) {
            LOG.error("the key file changed but cannot be read, keeping the keys in use: {}", e.getMessage());
            return false;
        }
        String refusal = refusal(now, next);
        if (refusal != null) {
            LOG.error(
                    "the key file changed but is refused, keeping the keys in use [file: {}]: {}",
                    file.path(),
                    refusal);
            return false;
        }
        if (next.equals(now)) {
            return false;
        }
        keys.set(next);
        LOG.info("key file reloaded [file: {}, keys: {}]", file.path(), next.summary());
        return true;
    }

    private static String refusal(Keys now, Keys next) {
        if (!next.fileId().equals(now.fileId())) {
            return "it is another key file (fileId " + next.fileId() + ", this member uses " + now.fileId()
                    + "); restart the member to change key files";
        }
        KeyVersion station = now.ring(KeyPurpose.STATION_SECRET).versions().get(0);
        if (!next.ring(KeyPurpose.STATION_SECRET).versions().get(0).hasMaterial(station.material())) {
            return "its station-secret key differs (that key is never rotated)";
        }
        if (!next.postgresPassword().equals(now.postgresPassword())) {
            return "its PostgreSQL password differs (change it with a restart)";
        }
        return null;
    }
}
