/**
 * TLS material shared by the runnable modules: PEM files read without third-party code
 * ({@link org.bikeguard.common.tls.Pem}), a server key manager whose certificate is replaced
 * while servers keep running ({@link org.bikeguard.common.tls.ReloadingKeyManager}) and the
 * periodic check that replaces it when the files change ({@link org.bikeguard.common.tls.PemReloader}).
 */
package org.bikeguard.common.tls;
