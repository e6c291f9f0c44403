package org.bikeguard.common.tls;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM reading with the JDK alone: certificates ({@code CERTIFICATE} blocks, in file order) and
 * one private key, PKCS#8 ({@code PRIVATE KEY}: RSA, EC, Ed25519) or PKCS#1
 * ({@code RSA PRIVATE KEY}). An SEC1 {@code EC PRIVATE KEY} or an encrypted key is refused with
 * the {@code openssl} command that converts it. Stateless; thread-safe.
 */
public final class Pem {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    /** rsaEncryption, as the AlgorithmIdentifier of a PKCS#8 key: SEQUENCE { OID 1.2.840.113549.1.1.1, NULL }. */
    private static final byte[] RSA_ALGORITHM = HexFormat.of().parseHex("300d06092a864886f70d0101010500");

    private Pem() {}

    /** One PEM block: its label ({@code CERTIFICATE}, {@code PRIVATE KEY}...) and decoded bytes. */
    record Block(String label, byte[] der) {}

    static List<Block> blocks(byte[] pem) {
        Matcher m = BLOCK.matcher(new String(pem, StandardCharsets.US_ASCII));
        List<Block> out = new ArrayList<>();
        while (m.find()) {
            out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
        }
        return out;
    }

    /**
     * The certificates of a PEM file, in file order (a server's own certificate first, then its
     * chain).
     *
     * @throws CertificateException when there is none or one does not parse
     */
    public static List<X509Certificate> certificates(byte[] pem) throws CertificateException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (Block b : blocks(pem)) {
            if (b.label().equals("CERTIFICATE")) {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
            }
        }
        if (out.isEmpty()) {
            throw new CertificateException("no PEM CERTIFICATE block");
        }
        return out;
    }

    /**
     * The one private key of a PEM file.
     *
     * @throws GeneralSecurityException when there is none, it is encrypted or of an unsupported form
     */
    public static PrivateKey privateKey(byte[] pem) throws GeneralSecurityException {
        for (Block b : blocks(pem)) {
            switch (b.label()) {
                case "PRIVATE KEY":
                    return pkcs8(b.der());
                case "RSA PRIVATE KEY":
                    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(wrapPkcs1(b.der())));
                case "EC PRIVATE KEY":
                    throw new InvalidKeySpecException(
                            "SEC1 EC key: convert it with 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
                case "ENCRYPTED PRIVATE KEY":
                    throw new InvalidKeySpecException(
                            "encrypted key: decrypt it with 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
                default:
                    // certificates and parameters in the same file are skipped
            }
        }
        throw new InvalidKeySpecException("no PEM PRIVATE KEY block");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new InvalidKeySpecException("PKCS#8 key of no supported algorithm (RSA, EC, Ed25519)", last);
    }

    /** PKCS#1 RSAPrivateKey as PKCS#8: SEQUENCE { INTEGER 0, rsaEncryption, OCTET STRING { key } }. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = tlv(0x04, pkcs1);
        byte[] body = new byte[version.length + RSA_ALGORITHM.length + octets.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(RSA_ALGORITHM, 0, body, version.length, RSA_ALGORITHM.length);
        System.arraycopy(octets, 0, body, version.length + RSA_ALGORITHM.length, octets.length);
        return tlv(0x30, body);
    }

    /** DER tag, definite length, value. */
    private static byte[] tlv(int tag, byte[] value) {
        byte[] len;
        if (value.length < 0x80) {
            len = new byte[] {(byte) value.length};
        } else {
            byte[] n = BigInteger.valueOf(value.length).toByteArray();
            int skip = n[0] == 0 ? 1 : 0;
            len = new byte[n.length - skip + 1];
            len[0] = (byte) (0x80 | (n.length - skip));
            System.arraycopy(n, skip, len, 1, n.length - skip);
        }
        byte[] out = new byte[1 + len.length + value.length];
        out[0] = (byte) tag;
        System.arraycopy(len, 0, out, 1, len.length);
        System.arraycopy(value, 0, out, 1 + len.length, value.length);
        return out;
    }

    /**
     * Whether {@code key} is the private half of {@code publicKey}: a random challenge signed with
     * one verifies with the other (RSA, EC and EdDSA keys; false for anything else).
     */
    public static boolean matches(PrivateKey key, PublicKey publicKey) {
        String algorithm =
                switch (key.getAlgorithm()) {
                    case "RSA" -> "SHA256withRSA";
                    case "EC" -> "SHA256withECDSA";
                    case "EdDSA" -> "EdDSA";
                    default -> null;
                };
        if (algorithm == null || !publicKey.getAlgorithm().equals(key.getAlgorithm())) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] sig = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
