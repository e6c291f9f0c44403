package org.bikeguard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hostile input: the decoder yields a valid Frame or a FrameDecodeException, nothing else. */
class FuzzTest {

    /** Decodes; fails the test on any exception other than FrameDecodeException. */
    static Frame decodeOrNull(byte[] payload) {
        try {
            Frame f = FrameCodec.decode(payload);
            assertNotNull(f);
            return f;
        } catch (FrameDecodeException e) {
            assertNotNull(e.reason());
            return null;
        } catch (Throwable t) {
            fail(
                    "unexpected " + t + " for payload "
                            + Arrays.toString(Arrays.copyOf(payload, Math.min(payload.length, 200))),
                    t);
            return null;
        }
    }

    /** A frame the decoder accepted must be valid: it re-encodes and decodes to itself. */
    static void checkAccepted(Frame f) throws FrameDecodeException {
        if (f != null) {
            assertEquals(f, new Frame(f.station(), f.seq(), f.tags(), f.timestamps(), f.rssi(), f.counts(), f.flags()));
            try {
                assertEquals(f, FrameCodec.decode(FrameCodec.encodeBinary(f)));
            } catch (IllegalArgumentException tooWideForBinary) {
                assertEquals(f, FrameCodec.decode(FrameCodec.encodeJson(f)));
            }
        }
    }

    @Test
    void hundredThousandRandomByteArraysOnlyYieldFramesOrFrameDecodeExceptions() throws Exception {
        Random rnd = new Random(20_241_123L);
        for (int i = 0; i < 100_000; i++) {
            byte[] b = new byte[rnd.nextInt(i % 100 == 0 ? 2000 : 120)];
            rnd.nextBytes(b);
            if (b.length > 1 && rnd.nextInt(3) == 0) { // steer into the binary decoder
                b[0] = (byte) FrameCodec.BINARY_MAGIC;
                b[1] = (byte) FrameCodec.BINARY_VERSION;
                if (b.length > 2) {
                    b[2] = (byte) (1 + rnd.nextInt(40));
                }
            } else if (b.length > 0 && rnd.nextInt(3) == 0) { // and into the JSON decoder
                b[0] = '{';
            }
            checkAccepted(decodeOrNull(b));
        }
    }

    @Test
    void randomMutationsOfValidBinaryFramesOnlyYieldFramesOrFrameDecodeExceptions() throws Exception {
        Random rnd = new Random(42);
        List<byte[]> seeds = List.of(
                FrameCodec.encodeBinary(TestFrames.sample(1)),
                FrameCodec.encodeBinary(TestFrames.sample(20)),
                FrameCodec.encodeBinary(TestFrames.random(new Random(1), 50)));
        for (int i = 0; i < 30_000; i++) {
            byte[] m = mutate(rnd, seeds.get(i % seeds.size()));
            checkAccepted(decodeOrNull(m));
        }
    }

    @Test
    void randomMutationsOfValidJsonFramesOnlyYieldFramesOrFrameDecodeExceptions() throws Exception {
        Random rnd = new Random(4242);
        List<byte[]> seeds = List.of(
                FrameCodec.encodeJson(TestFrames.sample(3)),
                FrameCodec.encodeJson(TestFrames.random(new Random(2), 10)),
                ("{\"station\":\"HY-0001\",\"seq\":18446744073709551615,\"x\":{\"y\":[1,2.5,null"
                                + ",true]},\"reads\":[{\"tag\":\"e2000017\",\"ts\":1,\"rssi\":-1,"
                                + "\"count\":2,\"flags\":[\"tamper\",\"zz\"]}]}")
                        .getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 30_000; i++) {
            byte[] m = mutate(rnd, seeds.get(i % seeds.size()));
            checkAccepted(decodeOrNull(m));
        }
    }

    /**
     * A frame's outcome must not depend on the frames decoded before it (by this thread or any
     * other): the shared decoder and a fresh one agree on every mutated JSON frame, field names with
     * invalid UTF-8 included.
     */
    @Test
    void decodingDoesNotDependOnTheFramesDecodedBefore() throws Exception {
        Random rnd = new Random(777);
        List<byte[]> seeds = List.of(
                FrameCodec.encodeJson(TestFrames.sample(3)),
                FrameCodec.encodeJson(TestFrames.random(new Random(5), 20)),
                "{\"station\":\"HY-1\",\"seq\":1,\"reads\":[],\"n\":\"xx\"}".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 30_000; i++) {
            byte[] m = mutate(rnd, seeds.get(i % seeds.size()));
            if (rnd.nextInt(4) == 0 && m.length > 3) {
                m[1 + rnd.nextInt(m.length - 2)] = (byte) (0x80 + rnd.nextInt(128)); // invalid UTF-8, often in a name
            }
            assertEquals(
                    outcome(() -> FrameCodec.decode(m)),
                    outcome(() -> fresh(m)),
                    new String(m, StandardCharsets.ISO_8859_1));
        }
    }

    private interface Decode {
        Frame run() throws FrameDecodeException;
    }

    private static String outcome(Decode d) {
        try {
            return d.run().toString();
        } catch (FrameDecodeException e) {
            return e.reason().metricName();
        }
    }

    private static Frame fresh(byte[] b) throws FrameDecodeException {
        if (b.length == 0 || !FrameCodec.isJson(b)) {
            return FrameCodec.decode(b);
        }
        if (!JsonCodec.isUtf8(b, 0, b.length)) {
            throw new FrameDecodeException(FrameDecodeException.Reason.MALFORMED_JSON, "invalid UTF-8");
        }
        try (com.fasterxml.jackson.core.JsonParser p = JsonCodec.newFactory().createParser(b)) {
            return new JsonFrameReader(p).frame();
        } catch (FrameDecodeException e) {
            throw e;
        } catch (java.io.IOException | RuntimeException e) {
            throw new FrameDecodeException(
                    FrameDecodeException.Reason.MALFORMED_JSON, String.valueOf(e.getMessage()), e);
        }
    }

    static byte[] mutate(Random rnd, byte[] seed) {
        byte[] b = seed.clone();
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int pos = rnd.nextInt(b.length);
            switch (rnd.nextInt(6)) {
                case 0 -> b[pos] = (byte) rnd.nextInt(256);
                case 1 -> b[pos] ^= (byte) (1 << rnd.nextInt(8));
                case 2 -> b = Arrays.copyOf(b, pos); // truncate
                case 3 -> { // delete one byte
                    byte[] c = new byte[b.length - 1];
                    System.arraycopy(b, 0, c, 0, pos);
                    System.arraycopy(b, pos + 1, c, pos, b.length - pos - 1);
                    b = c;
                }
                case 4 -> { // insert one byte
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, pos);
                    c[pos] = (byte) "{}[]\",:0-9e\\".charAt(rnd.nextInt(12));
                    System.arraycopy(b, pos, c, pos + 1, b.length - pos);
                    b = c;
                }
                default -> b[pos] = (byte) (rnd.nextBoolean() ? 0xFF : 0x00);
            }
        }
        return b;
    }
}
