package org.bikeguard.claims.report;

/**
 * Formats amounts in fen for documents: {@code 1,200.00} yuan and the Chinese capital form used
 * on financial papers ({@code 壹仟贰佰元整}). Pure; thread-safe.
 */
public final class Money {

    private static final String DIGITS = "零壹贰叁肆伍陆柒捌玖";
    private static final String[] SMALL = {"", "拾", "佰", "仟"};
    private static final String[] GROUPS = {"", "万", "亿", "万亿"};

    private Money() {}

    /** Yuan with thousands separators and two decimals, e.g. 120000 fen → {@code 1,200.00}. */
    public static String yuan(long fen) {
        String sign = fen < 0 ? "-" : "";
        long a = Math.abs(fen);
        return sign + String.format("%,d.%02d", a / 100, a % 100);
    }

    /** The amount in Chinese capitals, e.g. 120000 fen → {@code 壹仟贰佰元整}; negative amounts get {@code 负}. */
    public static String upper(long fen) {
        if (fen < 0) {
            return "负" + upper(-fen);
        }
        long yuan = fen / 100;
        int jiao = (int) (fen / 10 % 10);
        int f = (int) (fen % 10);
        StringBuilder sb = new StringBuilder();
        if (yuan > 0) {
            sb.append(integer(yuan)).append('元');
        }
        if (jiao == 0 && f == 0) {
            return sb.length() == 0 ? "零元整" : sb.append('整').toString();
        }
        if (jiao > 0) {
            sb.append(DIGITS.charAt(jiao)).append('角');
        } else if (yuan > 0) {
            sb.append('零');
        }
        if (f > 0) {
            sb.append(DIGITS.charAt(f)).append('分');
        } else {
            sb.append('整');
        }
        return sb.toString();
    }

    private static String integer(long n) {
        int[] groups = new int[4];
        int count = 0;
        for (long v = n; v > 0; v /= 10_000) {
            groups[count++] = (int) (v % 10_000);
        }
        StringBuilder sb = new StringBuilder();
        boolean zeroPending = false;
        for (int g = count - 1; g >= 0; g--) {
            int v = groups[g];
            if (v == 0) {
                zeroPending = sb.length() > 0;
                continue;
            }
            if (sb.length() > 0 && (zeroPending || v < 1000)) {
                sb.append('零');
            }
            sb.append(group(v)).append(GROUPS[g]);
            zeroPending = false;
        }
        return sb.toString();
    }

    private static String group(int v) {
        StringBuilder sb = new StringBuilder();
        boolean zero = false;
        for (int pos = 3; pos >= 0; pos--) {
            int d = (int) (v / Math.pow(10, pos)) % 10;
            if (d == 0) {
                zero = sb.length() > 0;
                continue;
            }
            if (zero) {
                sb.append('零');
                zero = false;
            }
            sb.append(DIGITS.charAt(d)).append(SMALL[pos]);
        }
        return sb.toString();
    }
}
