package org.bikeguard.tracker.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bikeguard.common.tls.Pem;
import org.bikeguard.common.tls.Reloadable;

/**
 * Checks stations' client certificates against the CA certificates of {@code BIKEGUARD_STATION_CA}
 * (the JDK's PKIX validation: chain, validity period, key usage), reloaded when the file changes.
 * A refused certificate fails the TLS handshake and is counted by reason:
 * {@code certificate_expired}, {@code certificate_not_yet_valid} or {@code certificate_untrusted}.
 * Which station the certificate names is decided after the handshake, at CONNECT.
 *
 * <p>Thread-safe: handshakes read the volatile delegate; reloads are serialised.
 */
final class StationTrustManager extends X509ExtendedTrustManager implements Reloadable {

    private final Path caFile;
    private final Consumer<String> refusals;
    private volatile X509ExtendedTrustManager delegate;
    private volatile X509Certificate[] issuers;
    private byte[] lastTried;

    private StationTrustManager(Path caFile, Consumer<String> refusals) {
        this.caFile = caFile;
        this.refusals = refusals;
    }

    /**
     * Loads the CA file now. Blocking.
     *
     * @param refusals told the reason of every refused client certificate (for a metric)
     */
    static StationTrustManager load(Path caFile, Consumer<String> refusals)
            throws IOException, GeneralSecurityException {
        StationTrustManager tm = new StationTrustManager(caFile, refusals);
        tm.install(Files.readAllBytes(caFile));
        return tm;
    }

    @Override
    public String name() {
        return "station CA " + caFile;
    }

    @Override
    public synchronized String reloadIfChanged() throws IOException, GeneralSecurityException {
        byte[] now = Files.readAllBytes(caFile);
        if (Arrays.equals(now, lastTried)) {
            return null;
        }
        install(now);
        return issuers.length + " CA certificate(s)";
    }

    private synchronized void install(byte[] pem) throws GeneralSecurityException, IOException {
        lastTried = pem;
        List<X509Certificate> cas = Pem.certificates(pem);
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        for (int i = 0; i < cas.size(); i++) {
            ks.setCertificateEntry("station-ca-" + i, cas.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ks);
        for (TrustManager t : tmf.getTrustManagers()) {
            if (t instanceof X509ExtendedTrustManager x) {
                delegate = x;
                issuers = cas.toArray(X509Certificate[]::new);
                return;
            }
        }
        throw new CertificateException("no X.509 trust manager for " + caFile);
    }

    /** The refusal's reason: the validity period, or anything else as untrusted. */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "certificate_expired";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "certificate_not_yet_valid";
            }
            if (t instanceof CertPathValidatorException v) {
                if (v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                    return "certificate_expired";
                }
                if (v.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                    return "certificate_not_yet_valid";
                }
            }
        }
        return "certificate_untrusted";
    }

    private CertificateException refused(CertificateException e) {
        refusals.accept(reason(e));
        return e;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw refused(e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw refused(e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType);
        } catch (CertificateException e) {
            throw refused(e);
        }
    }

    /** This trust manager checks clients only. */
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("station CA trusts no server");
    }

    /** This trust manager checks clients only. */
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("station CA trusts no server");
    }

    /** This trust manager checks clients only. */
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("station CA trusts no server");
    }

    /** The station CAs, named to clients in the CertificateRequest. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return issuers.clone();
    }
}
