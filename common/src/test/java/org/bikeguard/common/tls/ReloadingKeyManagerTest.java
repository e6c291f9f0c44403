package org.bikeguard.common.tls;

import static org.bikeguard.common.tls.PemTest.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server key manager: what a handshake gets before and after the files change. */
class ReloadingKeyManagerTest {

    private static void write(Path dir, String cert, String key) throws Exception {
        Files.write(dir.resolve("tls.crt"), fixture(cert));
        Files.write(dir.resolve("tls.key"), fixture(key));
    }

    private static ReloadingKeyManager load(Path dir) throws Exception {
        return ReloadingKeyManager.load(dir.resolve("tls.crt"), dir.resolve("tls.key"));
    }

    @Test
    void aHandshakeGetsTheKeyAndChainOfTheFilesForItsKeyTypeOnly(@TempDir Path dir) throws Exception {
        write(dir, "rsa.crt", "rsa-pkcs8.key");
        ReloadingKeyManager km = load(dir);
        String alias = km.chooseEngineServerAlias("RSA", null, null);
        assertNotNull(alias);
        assertEquals(
                "CN=test-rsa",
                km.getCertificateChain(alias)[0].getSubjectX500Principal().getName());
        assertEquals(Pem.privateKey(fixture("rsa-pkcs8.key")), km.getPrivateKey(alias));
        assertNull(km.chooseEngineServerAlias("EC", null, null), "an RSA certificate cannot serve an EC handshake");
        assertNull(km.chooseEngineClientAlias(new String[] {"RSA"}, null, null), "never a client certificate");
    }

    @Test
    void unchangedFilesAreNotReloaded(@TempDir Path dir) throws Exception {
        write(dir, "rsa.crt", "rsa-pkcs8.key");
        ReloadingKeyManager km = load(dir);
        assertNull(km.reloadIfChanged());
    }

    @Test
    void changedFilesServeNewHandshakesWhileTheAliasOfAHandshakeInProgressStillAnswers(@TempDir Path dir)
            throws Exception {
        write(dir, "rsa.crt", "rsa-pkcs8.key");
        ReloadingKeyManager km = load(dir);
        String before = km.chooseEngineServerAlias("RSA", null, null);
        X509Certificate old = km.certificate();

        write(dir, "ec.crt", "ec-pkcs8.key");
        String loaded = km.reloadIfChanged();
        assertNotNull(loaded);
        assertTrue(loaded.contains("CN=test-ec"), loaded);

        String after = km.chooseEngineServerAlias("EC", null, null);
        assertNotEquals(before, after);
        assertEquals("CN=test-ec", km.certificate().getSubjectX500Principal().getName());
        assertArrayEquals(new X509Certificate[] {old}, km.getCertificateChain(before), "previous generation");
        assertNull(km.chooseEngineServerAlias("RSA", null, null));
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRefusedAndTheOldPairStays(@TempDir Path dir) throws Exception {
        write(dir, "rsa.crt", "rsa-pkcs8.key");
        ReloadingKeyManager km = load(dir);
        // the certificate replaced, its key not yet
        Files.write(dir.resolve("tls.crt"), fixture("other.crt"));
        assertThrows(GeneralSecurityException.class, km::reloadIfChanged);
        assertEquals("CN=test-rsa", km.certificate().getSubjectX500Principal().getName());
        assertNull(km.reloadIfChanged(), "the same bad content is not tried again");
        // now the key follows
        Files.write(dir.resolve("tls.key"), fixture("other-pkcs8.key"));
        assertNotNull(km.reloadIfChanged());
        assertEquals("CN=test-other", km.certificate().getSubjectX500Principal().getName());
    }

    @Test
    void aMismatchedPairIsRefusedAtStart(@TempDir Path dir) throws Exception {
        write(dir, "rsa.crt", "other-pkcs8.key");
        assertThrows(GeneralSecurityException.class, () -> load(dir));
    }
}
