package org.bikeguard.claims.claim;

import java.util.EnumSet;
import java.util.Set;

/** The papers a theft claim needs; {@link #code()} is the API name. */
public enum Paper {
    POLICE_RECEIPT("police-receipt", "报案回执", "police report receipt"),
    INVOICE("invoice", "购车发票", "purchase invoice"),
    ID_CARD("id-card", "身份证", "ID card"),
    REGISTRATION("registration", "登记证书", "registration certificate");

    private final String code;
    private final String zh;
    private final String en;

    Paper(String code, String zh, String en) {
        this.code = code;
        this.zh = zh;
        this.en = en;
    }

    public String code() {
        return code;
    }

    /** Simplified Chinese name. */
    public String zh() {
        return zh;
    }

    /** English name. */
    public String en() {
        return en;
    }

    /** Every paper of the checklist. */
    public static Set<Paper> checklist() {
        return EnumSet.allOf(Paper.class);
    }

    /** Parses an API code; {@code null} when unknown. */
    public static Paper fromCode(String code) {
        for (Paper p : values()) {
            if (p.code.equals(code)) {
                return p;
            }
        }
        return null;
    }
}
