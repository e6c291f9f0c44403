package org.bikeguard.common.cli;

/**
 * A {@code host:port} flag value, as {@link FlagValues#hostPort} parses it. Immutable.
 *
 * @param host host name or address (an IPv6 address without brackets keeps its colons)
 * @param port 1..65535
 */
public record HostPort(String host, int port) {}
