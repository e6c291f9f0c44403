package org.bikeguard.tracker.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The client certificate a connection presented, as far as the tracker cares: the station its
 * subject names and its SHA-256 fingerprint. Only certificates the {@link StationTrustManager}
 * accepted reach this point (the handshake fails otherwise). Stateless; thread-safe.
 */
public final class ClientCertificates {

    private ClientCertificates() {}

    /**
     * A presented and verified client certificate.
     *
     * @param commonName the subject's CN (the station id), or null when the subject has none
     * @param sha256     SHA-256 of the certificate's DER encoding (32 bytes)
     * @param serial     the serial number in hex, for logs
     */
    public record ClientCertificate(String commonName, byte[] sha256, String serial) {}

    /** The certificate of {@code session}'s peer, or empty without TLS or when none was presented. */
    public static Optional<ClientCertificate> of(SSLSession session) {
        if (session == null) {
            return Optional.empty();
        }
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException none) {
            return Optional.empty();
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate c)) {
            return Optional.empty();
        }
        return Optional.of(new ClientCertificate(
                commonName(c), sha256(c), c.getSerialNumber().toString(16)));
    }

    /** The last CN of the subject (the most specific), or null. */
    static String commonName(X509Certificate c) {
        try {
            LdapName name = new LdapName(c.getSubjectX500Principal().getName());
            String cn = null;
            for (Rdn rdn : name.getRdns()) { // getRdns() runs from the most general RDN to the most specific
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = rdn.getValue().toString();
                }
            }
            return cn;
        } catch (InvalidNameException e) {
            return null;
        }
    }

    /** SHA-256 of the certificate's DER encoding. */
    public static byte[] sha256(X509Certificate c) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }
}
