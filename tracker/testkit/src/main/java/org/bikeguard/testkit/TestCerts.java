package org.bikeguard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bikeguard.common.tls.Pem;

/**
 * Certificates for TLS tests, made with the {@code openssl} command line as an operator would (see
 * {@code ops/certs}): a test CA, server certificates for {@code localhost} and {@code 127.0.0.1},
 * station client certificates (subject CN = station id), expired ones and ones from a foreign CA.
 * EC P-256 keys, PKCS#8 PEM files, all under one directory. Tests that need it assume
 * {@link #available()}. Not thread-safe (one test's files).
 */
public final class TestCerts {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final Pair ca;
    private final Pair foreignCa;
    private final Pair server;

    /**
     * A certificate and its key.
     *
     * @param cert PEM certificate file
     * @param key  PEM (PKCS#8) private key file
     */
    public record Pair(Path cert, Path key) {
        /** The certificate. */
        public X509Certificate certificate() {
            try {
                return Pem.certificates(Files.readAllBytes(cert)).get(0);
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot read " + cert, e);
            }
        }
    }

    private TestCerts(Path dir) {
        this.dir = dir;
        this.ca = selfSigned("ca", "bikeguard test CA");
        this.foreignCa = selfSigned("foreign-ca", "someone else's CA");
        this.server = signed(ca, "server", "localhost", serverExtensions(), 30);
    }

    /** Whether {@code openssl} runs on this machine. */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("openssl", "version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Makes the CA, a foreign CA and the server certificate under {@code dir}. Blocking (openssl). */
    public static TestCerts create(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestCerts(dir);
    }

    /** The test CA's certificate (trust anchor of the server and of station certificates). */
    public Path caCert() {
        return ca.cert();
    }

    /** The server certificate in use: {@code BIKEGUARD_TLS_CERT} / {@code BIKEGUARD_TLS_KEY}. */
    public Pair server() {
        return server;
    }

    /**
     * Makes a new server certificate (new key, new serial) and moves it over the files of
     * {@link #server()}, key first, each by an atomic rename: what an operator's renewal does.
     *
     * @return the new certificate
     */
    public X509Certificate renewServer() {
        Pair fresh = signed(ca, "server-" + hex(4), "localhost", serverExtensions(), 30);
        try {
            Files.move(fresh.key(), server.key(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(
                    fresh.cert(), server.cert(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server.certificate();
    }

    /** A client certificate of the test CA naming {@code stationId}, valid for 30 days. */
    public Pair station(String stationId) {
        return signed(ca, "station-" + stationId + "-" + hex(4), stationId, clientExtensions(), 30);
    }

    /** A client certificate of the test CA naming {@code stationId} that expired a day ago. */
    public Pair expiredStation(String stationId) {
        // -days -1: valid until a day before it was issued, so expired from the start
        return signed(ca, "expired-" + stationId + "-" + hex(4), stationId, clientExtensions(), -1);
    }

    /** A client certificate naming {@code stationId} issued by a CA the tracker does not trust. */
    public Pair foreignStation(String stationId) {
        return signed(foreignCa, "foreign-" + stationId + "-" + hex(4), stationId, clientExtensions(), 30);
    }

    /** A client TLS context trusting the test CA and presenting {@code client} (null: no certificate). */
    public SSLContext sslContext(Pair client) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (client != null) {
                char[] pw = "test".toCharArray();
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry(
                        "client",
                        Pem.privateKey(Files.readAllBytes(client.key())),
                        pw,
                        Pem.certificates(Files.readAllBytes(client.cert())).toArray(X509Certificate[]::new));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, pw);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(
                    kmf == null
                            ? null
                            : new KeyManager[] {new Always((X509ExtendedKeyManager) kmf.getKeyManagers()[0])},
                    tmf.getTrustManagers(),
                    null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a client TLS context", e);
        }
    }

    /**
     * Presents the client certificate whatever CAs the server names, as a misconfigured or hostile
     * station would (the JDK's own key manager keeps quiet when the issuer is not among them, and
     * the server would never see the certificate it must refuse).
     */
    private static final class Always extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager keys;

        Always(X509ExtendedKeyManager keys) {
            this.keys = keys;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "client";
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "client";
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }

    /** An HTTP client trusting the test CA (for {@code https://127.0.0.1:<port>}). */
    public HttpClient httpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .sslContext(sslContext(null))
                .build();
    }

    private static List<String> serverExtensions() {
        return List.of(
                "basicConstraints=critical,CA:FALSE",
                "keyUsage=critical,digitalSignature",
                "extendedKeyUsage=serverAuth",
                "subjectAltName=DNS:localhost,IP:127.0.0.1");
    }

    private static List<String> clientExtensions() {
        return List.of(
                "basicConstraints=critical,CA:FALSE",
                "keyUsage=critical,digitalSignature",
                "extendedKeyUsage=clientAuth");
    }

    private Pair selfSigned(String name, String cn) {
        Pair p = new Pair(dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
        openssl(
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                p.key().toString(),
                "-out",
                p.cert().toString(),
                "-days",
                "30",
                "-subj",
                "/CN=" + cn,
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign");
        return p;
    }

    private Pair signed(Pair issuer, String name, String cn, List<String> extensions, int days) {
        Pair p = new Pair(dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
        Path csr = dir.resolve(name + ".csr");
        Path ext = dir.resolve(name + ".ext");
        try {
            Files.write(ext, extensions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl(
                "req",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                p.key().toString(),
                "-out",
                csr.toString(),
                "-subj",
                "/CN=" + cn);
        openssl(
                "x509",
                "-req",
                "-in",
                csr.toString(),
                "-CA",
                issuer.cert().toString(),
                "-CAkey",
                issuer.key().toString(),
                "-set_serial",
                "0x" + hex(8),
                "-days",
                Integer.toString(days),
                "-extfile",
                ext.toString(),
                "-out",
                p.cert().toString());
        return p;
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        b[0] &= 0x7f; // a positive serial
        return HexFormat.of().formatHex(b);
    }

    private static void openssl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
