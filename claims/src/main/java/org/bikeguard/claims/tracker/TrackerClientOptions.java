package org.bikeguard.claims.tracker;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Web client options for calling the tracker's API at its base URL: host, port (443 or 80 when the
 * URL names none) and, for {@code https}, the trust of {@code BIKEGUARD_TRACKER_CA} or else the
 * JVM's trust store. Co-deployed in the tracker, claims calls it on loopback trusting the
 * tracker's own certificate file: there the host name is not verified (a production certificate
 * names the public host, not {@code 127.0.0.1}); the certificate still has to chain to that file.
 * Stateless.
 */
public final class TrackerClientOptions {

    private TrackerClientOptions() {}

    /** Options for {@code trackerUrl}, trusting {@code trackerCa} (a PEM file, or null). */
    public static WebClientOptions of(String trackerUrl, String trackerCa) {
        URI u = URI.create(trackerUrl);
        boolean https = "https".equals(u.getScheme());
        WebClientOptions o = new WebClientOptions()
                .setDefaultHost(u.getHost())
                .setDefaultPort(u.getPort() >= 0 ? u.getPort() : https ? 443 : 80)
                .setSsl(https);
        if (https && trackerCa != null) {
            o.setTrustOptions(new PemTrustOptions().addCertPath(trackerCa));
            o.setVerifyHost(!loopback(u.getHost()));
        }
        return o;
    }

    private static boolean loopback(String host) {
        try {
            return host != null && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
