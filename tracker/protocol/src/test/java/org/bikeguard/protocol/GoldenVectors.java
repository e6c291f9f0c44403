package org.bikeguard.protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Loads src/test/resources/golden-vectors.txt. */
final class GoldenVectors {
    record Vector(String name, String format, String hex, Frame frame) {
        byte[] bytes() {
            return HexFormat.of().parseHex(hex);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private GoldenVectors() {}

    static List<Vector> load() {
        try (InputStream in = GoldenVectors.class.getResourceAsStream("/golden-vectors.txt")) {
            if (in == null) {
                throw new IllegalStateException("golden-vectors.txt not on the test classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Vector> out = new ArrayList<>();
            Block b = null;
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("[")) {
                    if (b != null) {
                        out.add(b.toVector());
                    }
                    b = new Block(line.substring(1, line.length() - 1));
                } else {
                    b.add(line);
                }
            }
            if (b != null) {
                out.add(b.toVector());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Block {
        final String name;
        String format;
        String hex;
        String station;
        long seq;
        final List<Read> reads = new ArrayList<>();

        Block(String name) {
            this.name = name;
        }

        void add(String line) {
            int eq = line.indexOf('=');
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            switch (key) {
                case "format" -> format = value;
                case "hex" -> hex = value;
                case "station" -> station = value;
                case "seq" -> seq = Long.parseUnsignedLong(value);
                case "read" -> reads.add(parseRead(value));
                default -> throw new IllegalArgumentException("unknown key " + key);
            }
        }

        private static Read parseRead(String value) {
            String[] f = value.split("\\s+");
            int flags = 0;
            if (!f[4].equals("-")) {
                for (String name : f[4].split(",")) {
                    int bit = ReadFlags.fromName(name);
                    if (bit == 0) {
                        throw new IllegalArgumentException("unknown flag " + name);
                    }
                    flags |= bit;
                }
            }
            int antenna = f.length > 5 ? Integer.parseInt(f[5]) : Read.NO_ANTENNA;
            return new Read(
                    TagIds.parse(f[0]),
                    Long.parseLong(f[1]),
                    Integer.parseInt(f[2]),
                    Integer.parseInt(f[3]),
                    flags,
                    antenna);
        }

        Vector toVector() {
            return new Vector(name, format, hex, Frame.of(station, seq, reads));
        }
    }
}
