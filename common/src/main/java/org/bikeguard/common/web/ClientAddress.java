package org.bikeguard.common.web;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The client address of a request, as a key for per-address limits: the TCP peer, or, when the
 * peer is one of the configured trusted proxies (load balancers), the right-most address of
 * {@code X-Forwarded-For} that is not itself a trusted proxy. A client cannot forge its way past
 * this: headers from untrusted peers are ignored, and only the entries the trusted proxies
 * appended are believed. IPv6 clients are keyed by their /64 network (one host usually owns a
 * whole /64), IPv4 by the address. Immutable; thread-safe.
 */
public final class ClientAddress {

    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(%[0-9A-Za-z]+)?");

    private final Set<String> trusted;

    /** @param trustedProxies literal IP addresses of the proxies whose {@code X-Forwarded-For} is believed */
    public ClientAddress(Collection<String> trustedProxies) {
        this.trusted =
                Set.copyOf(trustedProxies.stream().map(ClientAddress::key).toList());
    }

    /** Believes no proxy: the TCP peer is the client. */
    public static ClientAddress direct() {
        return new ClientAddress(List.of());
    }

    /** The client's key: {@code 203.0.113.7} or {@code 2001:db8:1:2::/64}, or {@code unknown}. */
    public String of(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        String client = peer == null || peer.hostAddress() == null ? "unknown" : key(peer.hostAddress());
        if (!trusted.contains(client)) {
            return client;
        }
        List<String> forwarded = request.headers().getAll("X-Forwarded-For");
        String joined = String.join(",", forwarded);
        String[] hops = joined.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (hop.isEmpty()) {
                break;
            }
            String k = key(hop);
            if (!trusted.contains(k)) {
                return k;
            }
        }
        return client;
    }

    /** The key of one address literal: IPv6 cut to its /64, anything else as given (trimmed). */
    static String key(String address) {
        String a = address.trim();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.indexOf(':') < 0 || !IPV6_LITERAL.matcher(a).matches()) {
            return a;
        }
        try {
            // a literal (checked above): no name look-up happens
            byte[] b = InetAddress.getByName(a).getAddress();
            if (b.length != 16) {
                return InetAddress.getByAddress(b).getHostAddress();
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                sb.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff)))
                        .append(':');
            }
            return sb.append(":/64").toString();
        } catch (UnknownHostException e) {
            return a;
        }
    }
}
