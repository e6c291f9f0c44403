package org.bikeguard.tracker.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.FrameDecodeException;
import org.bikeguard.protocol.Limits;
import org.bikeguard.protocol.Read;
import org.bikeguard.protocol.Topics;

/**
 * Hostile PUBLISHes for one authenticated station, from a seeded {@link Random}: random bytes,
 * bit flips, truncations, insertions and deletions of valid binary and JSON frames, wrong binary
 * versions, entry counts above the limit, payloads above 64 KiB, well-formed frames with one bad
 * field value, frames naming another station, frames on other topics, and valid frames (new,
 * resent, and reusing a seq with other reads). {@link #expected} says what the tracker must do with
 * each: the refusal reason it must count, or {@code null} for a frame it must take (new or
 * redelivery). Not thread-safe: one per fuzzing connection.
 */
final class FrameFuzzer {

    /** One PUBLISH to send. */
    record Fuzz(String topic, byte[] payload) {}

    private final Random rnd;
    private final String station;
    private final String other;
    private final String topic;
    private final long t0;
    private final List<byte[]> seeds = new ArrayList<>();
    private final List<byte[]> sentValid = new ArrayList<>();
    private long seq = 1;

    /**
     * @param station the authenticated station
     * @param other   another station (foreign frames and topics)
     * @param t0      the tracker's "now", epoch ms UTC: reads are stamped in the hour before (a few ahead)
     */
    FrameFuzzer(Random rnd, String station, String other, long t0) {
        this.rnd = rnd;
        this.station = station;
        this.other = other;
        this.topic = Topics.readsTopic(station);
        this.t0 = t0;
        for (int i = 0; i < 12; i++) {
            Frame f = randomFrame(station, 1 + rnd.nextInt(1 << 20), 1 + rnd.nextInt(i < 6 ? 4 : 60));
            seeds.add(FrameCodec.encodeBinary(f));
            seeds.add(FrameCodec.encodeJson(f));
        }
    }

    /** The next PUBLISH: about 60 % mutated or random bytes, 20 % bad values, 10 % valid, the rest foreign. */
    Fuzz next() {
        int k = rnd.nextInt(1000);
        if (k < 150) {
            return own(randomBytes());
        } else if (k < 600) {
            return own(mutate(seeds.get(rnd.nextInt(seeds.size()))));
        } else if (k < 650) {
            return own(wrongVersion());
        } else if (k < 680) {
            return own(tooManyEntries());
        } else if (k < 820) {
            return own(badField());
        } else if (k < 880) {
            byte[] valid = valid(seq++);
            if (sentValid.size() == 1_000) {
                sentValid.set(rnd.nextInt(1_000), valid);
            } else {
                sentValid.add(valid);
            }
            return own(valid);
        } else if (k < 900 && !sentValid.isEmpty()) {
            return own(sentValid.get(rnd.nextInt(sentValid.size()))); // a resend
        } else if (k < 910 && !sentValid.isEmpty()) {
            return own(valid(1 + rnd.nextInt((int) seq))); // a reused seq, other reads
        } else if (k < 950) {
            return own(encode(randomFrame(other, seq++, 1 + rnd.nextInt(5)))); // station_mismatch
        } else if (k < 990) {
            return new Fuzz(otherTopic(), valid(seq++));
        } else if (k < 991) {
            return own(oversized());
        } else {
            return own(mutate(valid(seq++)));
        }
    }

    /**
     * What the tracker does with a PUBLISH from {@code station} (the checks of {@link FrameIntake},
     * in its order): the refusal reason, or {@code null} when the frame is taken.
     */
    static String expected(String station, String topic, byte[] payload) {
        if (!station.equals(Topics.stationOf(topic))) {
            return "topic_not_owned";
        }
        if (payload.length > Limits.MAX_FRAME_BYTES) {
            return FrameDecodeException.Reason.OVERSIZED.metricName();
        }
        try {
            Frame f = FrameCodec.decode(payload);
            return station.equals(f.station()) ? null : "station_mismatch";
        } catch (FrameDecodeException e) {
            return e.reason().metricName();
        }
    }

    private Fuzz own(byte[] payload) {
        return new Fuzz(topic, payload);
    }

    private byte[] valid(long s) {
        return encode(randomFrame(station, s, 1 + rnd.nextInt(5)));
    }

    private byte[] encode(Frame f) {
        return rnd.nextBoolean() ? FrameCodec.encodeBinary(f) : FrameCodec.encodeJson(f);
    }

    private Frame randomFrame(String st, long s, int n) {
        List<Read> reads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long ts = rnd.nextInt(20) == 0 ? t0 + 600_000 + rnd.nextInt(60_000) : t0 - rnd.nextInt(3_600_000);
            reads.add(new Read(
                    0xF0000L + rnd.nextInt(500),
                    ts,
                    -rnd.nextInt(128),
                    rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(1000) : 1,
                    rnd.nextInt(4)));
        }
        return Frame.of(st, s, reads);
    }

    private byte[] randomBytes() {
        byte[] b = new byte[rnd.nextInt(rnd.nextInt(50) == 0 ? 3000 : 150)];
        rnd.nextBytes(b);
        if (b.length > 2 && rnd.nextInt(3) == 0) { // steer into the binary decoder
            b[0] = (byte) FrameCodec.BINARY_MAGIC;
            b[1] = (byte) FrameCodec.BINARY_VERSION;
            b[2] = (byte) (1 + rnd.nextInt(40));
        } else if (b.length > 0 && rnd.nextInt(3) == 0) { // and into the JSON decoder
            b[0] = '{';
        }
        return b;
    }

    /** Bit flips, byte changes, truncation, deletion and insertion of JSON-ish bytes, 1 to 4 of them. */
    private byte[] mutate(byte[] seed) {
        byte[] b = seed.clone();
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int pos = rnd.nextInt(b.length);
            switch (rnd.nextInt(6)) {
                case 0 -> b[pos] = (byte) rnd.nextInt(256);
                case 1 -> b[pos] ^= (byte) (1 << rnd.nextInt(8));
                case 2 -> b = Arrays.copyOf(b, pos);
                case 3 -> {
                    byte[] c = new byte[b.length - 1];
                    System.arraycopy(b, 0, c, 0, pos);
                    System.arraycopy(b, pos + 1, c, pos, b.length - pos - 1);
                    b = c;
                }
                case 4 -> {
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

    private byte[] wrongVersion() {
        byte[] b = FrameCodec.encodeBinary(randomFrame(station, seq++, 1 + rnd.nextInt(5)));
        b[1] = (byte) (2 + rnd.nextInt(254)); // any version but 1
        return b;
    }

    /** A binary header announcing more than 1,000 entries (now and then, a real JSON frame of 1,001). */
    private byte[] tooManyEntries() {
        if (rnd.nextInt(50) == 0) {
            StringBuilder reads = new StringBuilder();
            for (int i = 0; i <= Limits.MAX_ENTRIES; i++) {
                reads.append(i == 0 ? "" : ",").append("{\"tag\":\"A").append(i).append("\",\"ts\":1,\"rssi\":-1}");
            }
            return json("{\"station\":\"" + station + "\",\"seq\":" + seq++ + ",\"reads\":[" + reads + "]}");
        }
        byte[] b = FrameCodec.encodeBinary(randomFrame(station, seq++, 1));
        int n = Limits.MAX_ENTRIES + 1 + rnd.nextInt(65_535 - Limits.MAX_ENTRIES);
        int at = 19 + station.length();
        b[at] = (byte) (n >> 8);
        b[at + 1] = (byte) n;
        return b;
    }

    private byte[] oversized() {
        byte[] b = new byte[Limits.MAX_FRAME_BYTES + 1 + rnd.nextInt(300)];
        Arrays.fill(b, (byte) ' ');
        byte[] frame = FrameCodec.encodeJson(randomFrame(station, seq++, 1));
        System.arraycopy(frame, 0, b, 0, frame.length); // a valid frame padded with whitespace
        return b;
    }

    /** A well-formed JSON frame with one field broken. */
    private byte[] badField() {
        String s = "\"" + station + "\"";
        String q = Long.toString(seq++);
        String tag = "\"E2000017\"";
        String ts = Long.toString(t0 - 1_000);
        String rssi = "-61";
        String extra = "";
        switch (rnd.nextInt(12)) {
            case 0 -> rssi = pick("1", "-128", "\"-61\"", "-61.5", "null");
            case 1 -> extra = ",\"count\":" + pick("0", "1000001", "-1", "2.0", "\"2\"");
            case 2 -> ts = pick("-1", "1.5", "99999999999999999999", "\"now\"", "1e3");
            case 3 -> tag = pick("\"\"", "\"G1\"", "\"12345678901234567\"", "5", "null");
            case 4 -> q = pick("-1", "18446744073709551616", "1.0", "\"1\"", "true");
            case 5 -> s = pick("\"\"", "\"bad id\"", "\"" + "S".repeat(33) + "\"", "7", "\"HY/1\"");
            case 6 -> extra = ",\"flags\":" + pick("\"tamper\"", "[1]", "{}", "[\"tamper\",null]");
            case 7 -> {
                return json(pick(
                        "{\"seq\":1,\"reads\":[]}",
                        "{\"station\":" + s + ",\"reads\":[]}",
                        "{\"station\":" + s + ",\"seq\":1}",
                        "{\"station\":" + s + ",\"seq\":1,\"reads\":[{\"ts\":1,\"rssi\":-1}]}"));
            }
            case 8 -> {
                return json("{\"station\":" + s + ",\"station\":" + s + ",\"seq\":" + q + ",\"reads\":[]}");
            }
            case 9 -> {
                return json("{\"station\":" + s + ",\"seq\":" + q + ",\"reads\":[]} {}");
            }
            case 10 -> {
                return json("{\"station\":" + s + ",\"seq\":" + q + ",\"x\":" + "[".repeat(200) + "]".repeat(200)
                        + ",\"reads\":[]}");
            }
            default -> {
                byte[] b = json("{\"station\":" + s + ",\"seq\":" + q + ",\"reads\":[],\"n\":\"xx\"}");
                b[b.length - 4] = (byte) 0xC3; // invalid UTF-8 inside a string
                b[b.length - 3] = (byte) 0x28;
                return b;
            }
        }
        return json("{\"station\":" + s + ",\"seq\":" + q + ",\"reads\":[{\"tag\":" + tag + ",\"ts\":" + ts
                + ",\"rssi\":" + rssi + extra + "}]}");
    }

    private String otherTopic() {
        return switch (rnd.nextInt(4)) {
            case 0 -> Topics.readsTopic(other);
            case 1 -> "stations/" + station + "/status";
            case 2 -> "stations/" + station;
            default -> "x/" + Long.toHexString(rnd.nextLong()) + "/" + "y".repeat(rnd.nextInt(300));
        };
    }

    private String pick(String... options) {
        return options[rnd.nextInt(options.length)];
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
