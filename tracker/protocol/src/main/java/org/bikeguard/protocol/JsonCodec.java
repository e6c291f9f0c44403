package org.bikeguard.protocol;

import static org.bikeguard.protocol.FrameDecodeException.Reason.MALFORMED_JSON;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON frame format, read with the Jackson streaming parser:
 * <pre>{"station":"HY-0001","seq":42,"reads":[{"tag":"E2000017","ts":1732333333123,"rssi":-61}]}</pre>
 * with optional per-read {@code count} and {@code flags}; unknown fields and flags are ignored.
 *
 * <p>Stateless; thread-safe (one shared {@link JsonFactory}).
 */
final class JsonCodec {
    static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonCodec() {}

    /** Decodes {@code [off, off+len)}; caller has checked bounds, emptiness and size. */
    static Frame decode(byte[] b, int off, int len) throws FrameDecodeException {
        try (JsonParser p = FACTORY.createParser(b, off, len)) {
            return new JsonFrameReader(p).frame();
        } catch (FrameDecodeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Jackson reports syntax errors, bad UTF-8, constraint violations and number
            // coercion problems as IOExceptions; a RuntimeException from the parser is treated
            // the same so that nothing but FrameDecodeException escapes.
            throw new FrameDecodeException(MALFORMED_JSON, String.valueOf(e.getMessage()), e);
        }
    }

    /**
     * Encodes compactly (no whitespace; {@code count} omitted when 1, {@code flags} omitted
     * when empty); {@link IllegalArgumentException} if the result exceeds
     * {@link Limits#MAX_FRAME_BYTES}.
     */
    static byte[] encode(Frame f) {
        ByteArrayBuilder out = new ByteArrayBuilder(64 + 64 * f.size());
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("station", f.station());
            g.writeFieldName("seq");
            g.writeNumber(Long.toUnsignedString(f.seq()));
            g.writeArrayFieldStart("reads");
            for (int i = 0; i < f.size(); i++) {
                writeRead(g, f, i);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: in-memory output
        }
        byte[] bytes = out.toByteArray();
        if (bytes.length > Limits.MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("JSON frame would be " + bytes.length + " bytes, over "
                    + Limits.MAX_FRAME_BYTES + "; use binary or split it");
        }
        return bytes;
    }

    private static void writeRead(JsonGenerator g, Frame f, int i) throws IOException {
        g.writeStartObject();
        g.writeStringField("tag", TagIds.format(f.tags()[i]));
        g.writeNumberField("ts", f.timestamps()[i]);
        g.writeNumberField("rssi", f.rssi()[i]);
        int count = f.counts()[i];
        if (count != 1) {
            g.writeNumberField("count", count);
        }
        int flags = f.flags()[i];
        if (flags != 0) {
            g.writeArrayFieldStart("flags");
            if ((flags & ReadFlags.TAMPER) != 0) {
                g.writeString(ReadFlags.TAMPER_NAME);
            }
            if ((flags & ReadFlags.LOW_BATTERY) != 0) {
                g.writeString(ReadFlags.LOW_BATTERY_NAME);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
