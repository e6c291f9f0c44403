package org.bikeguard.common.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PEM certificates and keys as OpenSSL writes them (fixtures in {@code src/test/resources/tls}). */
class PemTest {

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = PemTest.class.getResourceAsStream("/tls/" + name)) {
            if (in == null) {
                throw new IOException("no fixture " + name);
            }
            return in.readAllBytes();
        }
    }

    @Test
    void readsEveryCertificateOfAFileInOrder() throws Exception {
        byte[] both = (new String(fixture("rsa.crt")) + "some text between blocks\n" + new String(fixture("ec.crt")))
                .getBytes();
        List<X509Certificate> certs = Pem.certificates(both);
        assertEquals(2, certs.size());
        assertEquals("CN=test-rsa", certs.get(0).getSubjectX500Principal().getName());
        assertEquals("CN=test-ec", certs.get(1).getSubjectX500Principal().getName());
    }

    @Test
    void aFileWithoutCertificatesIsRefused() {
        assertThrows(CertificateException.class, () -> Pem.certificates("no pem here".getBytes()));
    }

    @Test
    void rsaKeysInPkcs8AndPkcs1FormMatchTheirCertificate() throws Exception {
        X509Certificate cert = Pem.certificates(fixture("rsa.crt")).get(0);
        PrivateKey pkcs8 = Pem.privateKey(fixture("rsa-pkcs8.key"));
        PrivateKey pkcs1 = Pem.privateKey(fixture("rsa-pkcs1.key"));
        assertEquals("RSA", pkcs8.getAlgorithm());
        assertTrue(Pem.matches(pkcs8, cert.getPublicKey()));
        assertTrue(Pem.matches(pkcs1, cert.getPublicKey()));
        assertEquals(pkcs8, pkcs1);
    }

    @Test
    void anEcKeyInPkcs8FormMatchesItsCertificate() throws Exception {
        PrivateKey ec = Pem.privateKey(fixture("ec-pkcs8.key"));
        assertEquals("EC", ec.getAlgorithm());
        assertTrue(Pem.matches(ec, Pem.certificates(fixture("ec.crt")).get(0).getPublicKey()));
    }

    @Test
    void aKeyOfAnotherCertificateDoesNotMatch() throws Exception {
        PrivateKey other = Pem.privateKey(fixture("other-pkcs8.key"));
        assertFalse(
                Pem.matches(other, Pem.certificates(fixture("rsa.crt")).get(0).getPublicKey()));
        assertFalse(
                Pem.matches(other, Pem.certificates(fixture("ec.crt")).get(0).getPublicKey()));
    }

    @Test
    void anSec1EcKeyIsRefusedWithTheCommandThatConvertsIt() {
        GeneralSecurityException e =
                assertThrows(GeneralSecurityException.class, () -> Pem.privateKey(fixture("ec-sec1.key")));
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
    }

    @Test
    void aFileWithoutAKeyIsRefused() {
        assertThrows(GeneralSecurityException.class, () -> Pem.privateKey(fixture("rsa.crt")));
    }
}
