package org.bikeguard.protocol;

/**
 * Bit values of {@link Read#flags()}. On the wire: JSON strings {@code "tamper"} and
 * {@code "low_battery"}; binary bits 0 and 1 of the entry's flags byte.
 *
 * <p>Constants only; thread-safe.
 */
public final class ReadFlags {
    /** The tag reports that its housing or mount was tampered with. */
    public static final int TAMPER = 1;
    /** The tag reports a low battery. */
    public static final int LOW_BATTERY = 2;
    /** All flags this protocol version knows; other bits are never set in a {@link Read}. */
    public static final int KNOWN_MASK = TAMPER | LOW_BATTERY;

    /** JSON name of {@link #TAMPER}. */
    public static final String TAMPER_NAME = "tamper";
    /** JSON name of {@link #LOW_BATTERY}. */
    public static final String LOW_BATTERY_NAME = "low_battery";

    private ReadFlags() {}

    /** Whether {@code flags} uses only known bits. */
    public static boolean isValid(int flags) {
        return (flags & ~KNOWN_MASK) == 0;
    }

    /** The flag bit of a JSON flag name, or 0 for an unknown name (unknown flags are ignored). */
    public static int fromName(String name) {
        if (TAMPER_NAME.equals(name)) {
            return TAMPER;
        }
        if (LOW_BATTERY_NAME.equals(name)) {
            return LOW_BATTERY;
        }
        return 0;
    }
}
