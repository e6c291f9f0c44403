package org.bikeguard.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Frames for tests. */
final class TestFrames {
    static final long T0 = 1_732_333_333_123L;

    private TestFrames() {}

    static Frame single() {
        return Frame.of("HY-0001", 42, List.of(Read.of(0xE2000017L, T0, -61)));
    }

    /** n entries with varied tags, timestamps, counts and flags. */
    static Frame sample(int n) {
        List<Read> reads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int count = i % 7 == 0 ? 1 + i * 997 % Limits.MAX_COUNT : 1;
            reads.add(new Read(0xE200_0000_0000_0000L + i * 7919L, T0 + i * 37L, -30 - i % 90, count, i % 4));
        }
        return Frame.of("HY-0001", 1_000_000L + n, reads);
    }

    /** A random valid frame with up to {@code maxEntries} entries. */
    static Frame random(Random rnd, int maxEntries) {
        int n = rnd.nextInt(maxEntries + 1);
        long base = rnd.nextInt(4) == 0 ? 0 : (rnd.nextLong() >>> 24);
        List<Read> reads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long tag =
                    switch (rnd.nextInt(4)) {
                        case 0 -> 0L;
                        case 1 -> -1L;
                        default -> rnd.nextLong();
                    };
            int count = rnd.nextBoolean() ? 1 : 1 + rnd.nextInt(Limits.MAX_COUNT);
            reads.add(new Read(tag, base + (rnd.nextLong() & 0xFFFF_FFFFL), -rnd.nextInt(128), count, rnd.nextInt(4)));
        }
        long seq = rnd.nextBoolean() ? rnd.nextLong() : rnd.nextInt(1000);
        return Frame.of(randomStation(rnd), seq, reads);
    }

    static String randomStation(Random rnd) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";
        int len = 1 + rnd.nextInt(Limits.MAX_STATION_ID_LENGTH);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
