package org.bikeguard.protocol;

import static org.bikeguard.protocol.FrameDecodeException.Reason.MALFORMED_JSON;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * JSON frame format, read with the Jackson streaming parser:
 * <pre>{"station":"HY-0001","seq":42,"reads":[{"tag":"E2000017","ts":1732333333123,"rssi":-61}]}</pre>
 * with optional per-read {@code count}, {@code flags} and {@code antenna} (0..15); unknown fields and flags
 * are ignored.
 *
 * <p>The payload must be valid UTF-8 as a whole, checked before Jackson sees it: with its shared
 * field-name table Jackson lets some field names with an invalid byte through once a similar name
 * is in the table (after any frame with a field {@code "s"}, the name {@code "\xFFs"} is no longer
 * an error, as it is in a fresh parser), so a frame's outcome would depend on the frames other
 * stations sent before it. The endpoint fuzz found this. The check is one pass over the bytes (a tight loop for ASCII, the JDK
 * decoder from the first non-ASCII byte on).
 *
 * <p>Stateless; thread-safe (one shared {@link JsonFactory}).
 */
final class JsonCodec {
    static final JsonFactory FACTORY = newFactory();

    /** A factory as the codec uses it (tests compare the shared one with fresh ones). */
    static JsonFactory newFactory() {
        return JsonFactory.builder().build();
    }

    private JsonCodec() {}

    /** Decodes {@code [off, off+len)}; caller has checked bounds, emptiness and size. */
    static Frame decode(byte[] b, int off, int len) throws FrameDecodeException {
        if (!isUtf8(b, off, len)) {
            throw new FrameDecodeException(MALFORMED_JSON, "invalid UTF-8");
        }
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

    /** Whether {@code [off, off+len)} is well-formed UTF-8 (no overlong forms, surrogates or values above U+10FFFF). */
    static boolean isUtf8(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end && b[i] >= 0) {
            i++;
        }
        if (i == end) {
            return true;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, i, end - i));
            return true;
        } catch (CharacterCodingException e) {
            return false;
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
        int antenna = f.antenna(i);
        if (antenna != Read.NO_ANTENNA) {
            g.writeNumberField("antenna", antenna);
        }
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
