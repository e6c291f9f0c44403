package org.bikeguard.common.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A server's certificate chain and private key from two PEM files, replaced in place by
 * {@link #reloadIfChanged()} while the servers using it keep running: every TLS handshake asks
 * this key manager for the key, so new connections get the new certificate and open ones keep
 * theirs. Hand it to Vert.x with {@code KeyCertOptions.wrap(keyManager)}.
 *
 * <p>Each loaded pair is a generation with its own alias, and the previous generation stays
 * answerable, so a handshake that chose its alias just before a reload still gets a matching key
 * and chain. A reload is refused (the old pair stays) when the key does not belong to the
 * certificate, as happens for a moment when the two files are replaced one after the other.
 *
 * <p>Thread-safe: handshakes read volatile state; reloads are serialised.
 */
public final class ReloadingKeyManager extends X509ExtendedKeyManager implements Reloadable {

    private final Path certFile;
    private final Path keyFile;
    private volatile Generation current;
    private volatile Generation previous;
    private FileContents lastTried;
    private int generations;

    private record Generation(String alias, PrivateKey key, X509Certificate[] chain) {}

    private ReloadingKeyManager(Path certFile, Path keyFile) {
        this.certFile = certFile;
        this.keyFile = keyFile;
    }

    /**
     * Loads the pair now. Blocking.
     *
     * @throws IOException              when a file cannot be read
     * @throws GeneralSecurityException when the PEM is unusable or the key does not match the certificate
     */
    public static ReloadingKeyManager load(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        ReloadingKeyManager km = new ReloadingKeyManager(certFile, keyFile);
        km.install(FileContents.read(certFile, keyFile));
        return km;
    }

    @Override
    public String name() {
        return "server certificate " + certFile;
    }

    /** The certificate served to new connections now. */
    public X509Certificate certificate() {
        return current.chain()[0];
    }

    @Override
    public synchronized String reloadIfChanged() throws IOException, GeneralSecurityException {
        FileContents now = FileContents.read(certFile, keyFile);
        if (now.sameAs(lastTried)) {
            return null;
        }
        install(now);
        return describe(certificate());
    }

    /** {@code subject CN=..., serial 1a2b, valid until 2027-01-01T00:00:00Z}. */
    public static String describe(X509Certificate c) {
        return "subject " + c.getSubjectX500Principal().getName() + ", serial "
                + c.getSerialNumber().toString(16).toLowerCase(Locale.ROOT) + ", valid until "
                + c.getNotAfter().toInstant();
    }

    private synchronized void install(FileContents files) throws GeneralSecurityException {
        lastTried = files;
        List<X509Certificate> chain = Pem.certificates(files.bytes().get(0));
        PrivateKey key = Pem.privateKey(files.bytes().get(1));
        if (!Pem.matches(key, chain.get(0).getPublicKey())) {
            throw new CertificateException("the private key in " + keyFile + " does not belong to the first certificate"
                    + " in " + certFile + " (if both are being replaced, the next check retries)");
        }
        Generation next = new Generation("bikeguard-" + ++generations, key, chain.toArray(X509Certificate[]::new));
        previous = current;
        current = next;
    }

    private Generation byAlias(String alias) {
        Generation c = current;
        if (c.alias().equals(alias)) {
            return c;
        }
        Generation p = previous;
        return p != null && p.alias().equals(alias) ? p : null;
    }

    private String aliasFor(String keyType) {
        Generation c = current;
        return keyType != null && keyType.equals(c.key().getAlgorithm()) ? c.alias() : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return aliasFor(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String a = aliasFor(keyType);
        return a == null ? null : new String[] {a};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Generation g = byAlias(alias);
        return g == null ? null : g.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Generation g = byAlias(alias);
        return g == null ? null : g.key();
    }

    /** A server key manager presents no client certificate. */
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    /** A server key manager presents no client certificate. */
    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    /** A server key manager presents no client certificate. */
    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
