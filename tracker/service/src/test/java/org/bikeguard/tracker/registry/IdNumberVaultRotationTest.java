package org.bikeguard.tracker.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bikeguard.tracker.keys.KeyPurpose;
import org.bikeguard.tracker.keys.KeyRing;
import org.bikeguard.tracker.keys.KeyVersion;
import org.junit.jupiter.api.Test;

/** The vault's stored forms name their keys: rotation, the old forms of imported keys, unknown keys. */
class IdNumberVaultRotationTest {

    private static final String ID = "11010519491231002X";
    private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static byte[] key(int b) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) b);
        return k;
    }

    private static KeyRing legacyRing(KeyPurpose p, byte[] k) {
        return new KeyRing(p, List.of(new KeyVersion(KeyVersion.LEGACY_ID, k, Instant.EPOCH, true)));
    }

    /** The stored form the previous version wrote: version 1, nonce, ciphertext and tag. */
    private static byte[] oldFormat(byte[] aes, String id) throws Exception {
        byte[] nonce = new byte[12];
        nonce[0] = 5;
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aes, "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD("bikeguard.owner.id_number".getBytes(StandardCharsets.US_ASCII));
        byte[] ct = c.doFinal(id.getBytes(StandardCharsets.US_ASCII));
        return ByteBuffer.allocate(1 + 12 + ct.length)
                .put((byte) 1)
                .put(nonce)
                .put(ct)
                .array();
    }

    @Test
    void afterARotationNewValuesNameTheNewKeyAndOldOnesStillDecryptAndAreFound() {
        AtomicReference<KeyRing> enc =
                new AtomicReference<>(KeyRing.single(KeyPurpose.ID_NUMBER_ENCRYPTION, "1", key(1)));
        AtomicReference<KeyRing> look = new AtomicReference<>(KeyRing.single(KeyPurpose.ID_NUMBER_LOOKUP, "1", key(2)));
        IdNumberVault v = new IdNumberVault(enc::get, look::get, CLOCK);
        byte[] before = v.encrypt(ID);
        byte[] hashBefore = v.lookupHash(ID);
        assertArrayEquals(new byte[] {2, 1, '1'}, Arrays.copyOf(before, 3), "version, key id length, key id");
        assertTrue(v.encryptedUnderCurrentKey(before));
        assertTrue(v.hashedUnderCurrentKey(hashBefore));

        enc.set(enc.get().with(new KeyVersion("2", key(3), NOW.minusSeconds(1), false)));
        look.set(look.get().with(new KeyVersion("2", key(4), NOW.minusSeconds(1), false)));
        byte[] after = v.encrypt(ID);
        assertArrayEquals(new byte[] {2, 1, '2'}, Arrays.copyOf(after, 3));
        assertEquals(ID, v.decrypt(before));
        assertEquals(ID, v.decrypt(after));
        assertFalse(v.encryptedUnderCurrentKey(before));
        assertTrue(v.encryptedUnderCurrentKey(after));
        assertFalse(v.hashedUnderCurrentKey(hashBefore));
        List<byte[]> hashes = v.lookupHashes(ID);
        assertArrayEquals(v.lookupHash(ID), hashes.get(0), "the current key's first");
        assertTrue(hashes.stream().anyMatch(h -> Arrays.equals(h, hashBefore)), "rows not yet rewritten are found");
        assertEquals("2/2", v.currentKeyIds());

        IdNumberVault withoutOld = new IdNumberVault(() -> enc.get().without("1", NOW), look::get, CLOCK);
        assertThrows(IllegalStateException.class, () -> withoutOld.decrypt(before), "its key retired");
    }

    @Test
    void valuesOfThePreviousVersionAreReadWithTheImportedKeys() throws Exception {
        byte[] aes = key(7);
        byte[] mac = key(8);
        IdNumberVault v = new IdNumberVault(
                () -> legacyRing(KeyPurpose.ID_NUMBER_ENCRYPTION, aes),
                () -> legacyRing(KeyPurpose.ID_NUMBER_LOOKUP, mac),
                CLOCK);
        assertEquals(ID, v.decrypt(oldFormat(aes, ID)));
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(mac, "HmacSHA256"));
        byte[] oldHash = m.doFinal(ID.getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(oldHash, v.lookupHash(ID), "the imported look-up key keeps the bare HMAC: rows stay found");
        assertTrue(v.hashedUnderCurrentKey(oldHash));
        assertTrue(v.encryptedUnderCurrentKey(oldFormat(aes, ID)), "old rows are current while the imported key is");
        byte[] fresh = v.encrypt(ID);
        assertEquals(1, fresh[0], "the imported key writes the old form, which the previous version reads");
        Cipher old = Cipher.getInstance("AES/GCM/NoPadding");
        old.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aes, "AES"), new GCMParameterSpec(128, fresh, 1, 12));
        old.updateAAD("bikeguard.owner.id_number".getBytes(StandardCharsets.US_ASCII));
        assertEquals(ID, new String(old.doFinal(fresh, 13, fresh.length - 13), StandardCharsets.US_ASCII));

        IdNumberVault noLegacy = new IdNumberVault(aes, mac);
        assertThrows(
                IllegalStateException.class,
                () -> noLegacy.decrypt(oldFormat(aes, ID)),
                "no legacy key, no old format");
    }

    @Test
    void unknownKeysAndTruncatedValuesAreRefused() {
        IdNumberVault v = new IdNumberVault(key(1), key(2));
        byte[] c = v.encrypt(ID);
        c[2] = '9';
        assertThrows(IllegalStateException.class, () -> v.decrypt(c));
        for (byte[] bad : new byte[][] {{}, {2}, {2, 5, 'a'}, {2, 1, '1', 0, 0}, {3, 0, 0}}) {
            assertThrows(IllegalStateException.class, () -> v.decrypt(bad), Arrays.toString(bad));
        }
    }
}
