/**
 * TLS of the tracker's servers: the settings ({@link org.bikeguard.tracker.tls.TlsSettings}), the
 * server certificate and the station CA that HTTPS and MQTT over TLS use and that are reloaded
 * without a restart ({@link org.bikeguard.tracker.tls.ServerTls}), and the station named by a
 * client certificate ({@link org.bikeguard.tracker.tls.ClientCertificates}).
 */
package org.bikeguard.tracker.tls;
