package org.bikeguard.common.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The current bytes of a few files and a SHA-256 over all of them, to tell whether any changed
 * since the last look (modification times miss a same-second rewrite and a rename over the file,
 * as Kubernetes does for mounted secrets). Immutable.
 *
 * @param bytes  each file's content, in the order given
 * @param digest SHA-256 over the contents (each preceded by its length)
 */
record FileContents(List<byte[]> bytes, byte[] digest) {

    /** Reads every file now. Blocking. @throws IOException when one cannot be read */
    static FileContents read(Path... files) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
        List<byte[]> all = new ArrayList<>(files.length);
        for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            sha.update(Integer.toString(b.length).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            sha.update(b);
            all.add(b);
        }
        return new FileContents(List.copyOf(all), sha.digest());
    }

    /** Whether {@code other} has the same content (null: never seen). */
    boolean sameAs(FileContents other) {
        return other != null && Arrays.equals(digest, other.digest);
    }
}
