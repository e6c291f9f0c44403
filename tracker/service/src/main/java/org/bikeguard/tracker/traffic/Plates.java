package org.bikeguard.tracker.traffic;

/** Plates as the city shows them in public. Stateless. */
public final class Plates {

    private Plates() {}

    /**
     * Masks the last two characters of the serial (after {@code ·}, or of the whole plate when it
     * has none): {@code 衡阳A·12345} → {@code 衡阳A·123**}. A serial of two characters or fewer is
     * masked whole.
     */
    public static String mask(String plate) {
        int dot = plate.indexOf('·');
        String prefix = dot < 0 ? "" : plate.substring(0, dot + 1);
        int[] serial = (dot < 0 ? plate : plate.substring(dot + 1)).codePoints().toArray();
        int keep = serial.length <= 2 ? 0 : serial.length - 2;
        StringBuilder sb = new StringBuilder(prefix);
        for (int i = 0; i < serial.length; i++) {
            if (i < keep) {
                sb.appendCodePoint(serial[i]);
            } else {
                sb.append('*');
            }
        }
        return sb.toString();
    }
}
