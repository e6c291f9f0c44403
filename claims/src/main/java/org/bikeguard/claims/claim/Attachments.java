package org.bikeguard.claims.claim;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * What the server says an attachment is, never what the uploader said: the type is sniffed from
 * the first bytes against a short allowlist (JPEG, PNG, PDF), anything else is
 * {@value #OCTET_STREAM}; and the file name is made safe for a {@code Content-Disposition}
 * header. Attachments are always served as downloads with {@code X-Content-Type-Options: nosniff},
 * so a browser never renders an uploaded HTML or SVG in the console's origin. Stateless; thread-safe.
 */
public final class Attachments {

    /** The type of anything not on the allowlist. */
    public static final String OCTET_STREAM = "application/octet-stream";

    /** The types an attachment may be served as. */
    public static final Set<String> ALLOWED = Set.of("image/jpeg", "image/png", "application/pdf", OCTET_STREAM);

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_NAME = 120;

    private Attachments() {}

    /** The type of {@code content} by its magic bytes: image/jpeg, image/png, application/pdf or {@value #OCTET_STREAM}. */
    public static String sniff(byte[] content) {
        if (startsWith(content, JPEG)) {
            return "image/jpeg";
        }
        if (startsWith(content, PNG)) {
            return "image/png";
        }
        if (startsWith(content, PDF)) {
            return "application/pdf";
        }
        return OCTET_STREAM;
    }

    /** A stored type as it may be shown: itself when on the allowlist, else {@value #OCTET_STREAM}. */
    public static String shown(String storedType) {
        return storedType != null && ALLOWED.contains(storedType) ? storedType : OCTET_STREAM;
    }

    /**
     * The {@code Content-Disposition} of a download of {@code fileName}: {@code attachment} with an
     * ASCII {@code filename} (anything but letters, digits, {@code .-_} becomes {@code _}) and the
     * full name as RFC 5987 {@code filename*} (UTF-8, percent-encoded).
     */
    public static String disposition(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "attachment" : fileName.strip();
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(cut + 1);
        if (name.length() > MAX_NAME) {
            name = name.substring(name.length() - MAX_NAME);
        }
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            name = "attachment";
        }
        StringBuilder ascii = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            ascii.append(safe(ch) ? ch : '_');
        }
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char ch = (char) (b & 0xff);
            if (b >= 0 && safe(ch)) {
                encoded.append(ch);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    private static boolean safe(char ch) {
        return (ch >= 'a' && ch <= 'z')
                || (ch >= 'A' && ch <= 'Z')
                || (ch >= '0' && ch <= '9')
                || ch == '.'
                || ch == '-'
                || ch == '_';
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        if (content == null || content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (content[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
