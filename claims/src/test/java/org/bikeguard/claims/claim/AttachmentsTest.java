package org.bikeguard.claims.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The server's idea of an attachment: the sniffed type and a safe download name. */
class AttachmentsTest {

    @Test
    void theTypeComesFromTheMagicBytesAndAnythingElseIsOctetStream() {
        assertEquals("image/jpeg", Attachments.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}));
        assertEquals("image/png", Attachments.sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}));
        assertEquals("application/pdf", Attachments.sniff("%PDF-1.4".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(
                Attachments.OCTET_STREAM, Attachments.sniff("<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Attachments.OCTET_STREAM, Attachments.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8}), "too short");
        assertEquals(Attachments.OCTET_STREAM, Attachments.sniff(new byte[0]));
        assertEquals(Attachments.OCTET_STREAM, Attachments.sniff(" %PDF-".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aStoredTypeIsShownOnlyWhenItIsOnTheAllowlist() {
        assertEquals("image/png", Attachments.shown("image/png"));
        assertEquals(Attachments.OCTET_STREAM, Attachments.shown("text/html"));
        assertEquals(Attachments.OCTET_STREAM, Attachments.shown(null));
    }

    @Test
    void theDownloadNameLosesPathsQuotesAndLineBreaks() {
        assertEquals(
                "attachment; filename=\"passwd\"; filename*=UTF-8''passwd",
                Attachments.disposition("../../etc/passwd"));
        assertEquals(
                "attachment; filename=\"a_.jpg__X-Evil__1\"; filename*=UTF-8''a%22.jpg%0D%0AX-Evil%3A%201",
                Attachments.disposition("a\".jpg\r\nX-Evil: 1"));
        assertEquals("attachment; filename=\"attachment\"; filename*=UTF-8''attachment", Attachments.disposition(" "));
        assertEquals(
                "attachment; filename=\"attachment\"; filename*=UTF-8''attachment", Attachments.disposition("..\\.."));
    }
}
