package org.bikeguard.sim.truth;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Writes the ground truth as JSON Lines: one JSON object per line, each with a {@code "type"}
 * and ISO-8601 UTC times with milliseconds (format in {@code docs/simulator.md}). Records are
 * written as the simulation decides them, so they are only roughly in time order.
 *
 * <p>Builders: {@link #begin(String)} starts a record, the {@code field} methods add fields,
 * {@link #end()} writes the line. A disabled writer ({@link #disabled()}) ignores everything
 * cheaply; callers may test {@link #enabled()} to skip building records at all.
 *
 * <p>Not thread-safe: written by the simulation thread only.
 */
public final class TruthWriter implements Closeable {
    private final Writer out;
    private final StringBuilder sb = new StringBuilder(512);
    private final IsoTime iso = new IsoTime();
    private long records;

    /** A writer to {@code out} (buffered here); closing this closes {@code out}. */
    public TruthWriter(Writer out) {
        this.out = out == null ? null : new BufferedWriter(out, 1 << 20);
    }

    /** A writer that drops everything. */
    public static TruthWriter disabled() {
        return new TruthWriter(null);
    }

    /** Whether records are written anywhere. */
    public boolean enabled() {
        return out != null;
    }

    /** Number of records written. */
    public long records() {
        return records;
    }

    /** Starts a record of the given type. */
    public TruthWriter begin(String type) {
        sb.setLength(0);
        sb.append("{\"type\":");
        string(type);
        return this;
    }

    /** Adds a string field. */
    public TruthWriter field(String name, String value) {
        key(name);
        if (value == null) {
            sb.append("null");
        } else {
            string(value);
        }
        return this;
    }

    /** Adds an integer field. */
    public TruthWriter field(String name, long value) {
        key(name);
        sb.append(value);
        return this;
    }

    /** Adds a boolean field. */
    public TruthWriter field(String name, boolean value) {
        key(name);
        sb.append(value);
        return this;
    }

    /** Adds a decimal field with up to 6 decimals. */
    public TruthWriter field(String name, double value) {
        key(name);
        sb.append(
                String.format(Locale.ROOT, "%.6f", value).replaceAll("0+$", "").replaceAll("\\.$", ".0"));
        return this;
    }

    /** Adds an instant (epoch ms UTC) as ISO-8601 UTC. */
    public TruthWriter time(String name, long epochMs) {
        key(name);
        sb.append('"');
        iso.append(sb, epochMs).append('"');
        return this;
    }

    /** Adds a field whose value is raw JSON (an object or array built by the caller). */
    public TruthWriter raw(String name, String json) {
        key(name);
        sb.append(json);
        return this;
    }

    /** Ends the record and writes it as one line. */
    public void end() {
        if (out == null) {
            return;
        }
        sb.append("}\n");
        try {
            out.append(sb);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the ground truth failed", e);
        }
        records++;
    }

    /** Flushes buffered lines. */
    public void flush() {
        if (out != null) {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("writing the ground truth failed", e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }

    private void key(String name) {
        sb.append(',');
        string(name);
        sb.append(':');
    }

    private void string(String s) {
        quote(sb, s);
    }

    /** Appends {@code s} as a JSON string literal. */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
