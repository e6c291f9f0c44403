package org.bikeguard.claims.product;

/** The two covers the scheme sells; {@link #code()} is the API and storage name. */
public enum ProductKind {
    ANTI_THEFT("anti-theft"),
    LIABILITY("liability");

    private final String code;

    ProductKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Parses an API code; {@code null} when unknown. */
    public static ProductKind fromCode(String code) {
        for (ProductKind k : values()) {
            if (k.code.equals(code)) {
                return k;
            }
        }
        return null;
    }
}
