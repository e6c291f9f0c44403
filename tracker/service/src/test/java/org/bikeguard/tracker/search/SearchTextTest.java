package org.bikeguard.tracker.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bikeguard.tracker.registry.RegistryException;
import org.junit.jupiter.api.Test;

/** How a search text is read: QR codes in scanned links, tags, phones, plates, frames; masking; bad text. */
class SearchTextTest {

    @Test
    void aQrCodeIsFoundBareOrAtTheEndOfAScannedLink() {
        assertEquals("7QK2M9XW4HCA", RegistrySearch.certificateCode("7qk2m9xw4hca"));
        assertEquals(
                "7QK2M9XW4HCA",
                RegistrySearch.certificateCode("https://bikeguard.example/api/v1/public/certificates/7QK2M9XW4HCA"));
        assertEquals("7QK2M9XW4HCA", RegistrySearch.certificateCode("https://x.example/c/7QK2M9XW4HCA/?src=qr#top"));
        assertNull(RegistrySearch.certificateCode("7QK2M9XW4HC"), "11 characters");
        assertNull(RegistrySearch.certificateCode("7QK2M9XW4HCU"), "U is not Crockford base32");
        assertNull(RegistrySearch.certificateCode("https://x.example/c/7QK2M9XW4HCA/more"));
    }

    @Test
    void oneTextHasEveryReadingItCanHave() {
        RegistrySearch.Readings tag = RegistrySearch.read(" e2000017 ");
        assertEquals(0xE2000017L, tag.tag());
        assertEquals("E2000017", tag.plate());
        assertEquals("E2000017", tag.frameNo());
        assertNull(tag.phone());
        RegistrySearch.Readings phone = RegistrySearch.read("139-1234-5678");
        assertEquals("13912345678", phone.phone());
        RegistrySearch.Readings plate = RegistrySearch.read("湘D·12345");
        assertEquals("湘D12345", plate.plate());
        assertNull(plate.tag());
        assertNull(plate.frameNo(), "not letters and digits only");
        RegistrySearch.Readings link = RegistrySearch.read("https://x.example/c/7QK2M9XW4HCA");
        assertEquals("7QK2M9XW4HCA", link.code());
        assertNull(link.plate(), "a link is not a plate");
    }

    @Test
    void blankOverLongAndControlCharactersAreRefused() {
        assertThrows(RegistryException.class, () -> RegistrySearch.read(null));
        assertThrows(RegistryException.class, () -> RegistrySearch.read("   "));
        assertThrows(RegistryException.class, () -> RegistrySearch.read("x".repeat(201)));
        assertThrows(RegistryException.class, () -> RegistrySearch.read("ab\u0001c"));
    }

    @Test
    void ownersAreMasked() {
        assertEquals("张**", SearchRoutes.maskName("张三丰"));
        assertEquals("张*", SearchRoutes.maskName("张三"));
        assertEquals("张*", SearchRoutes.maskName("张"));
        assertEquals("139****5678", SearchRoutes.maskPhone("13912345678"));
        assertEquals("****", SearchRoutes.maskPhone("1234"));
    }
}
