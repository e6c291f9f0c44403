/**
 * The server's secret keys, kept out of the database: the key file ({@code BIKEGUARD_KEYS_FILE},
 * or {@code BIKEGUARD_KEYS}) with one key ring per purpose (token signing, station-secret
 * digests, ID-number encryption and look-up) and the embedded PostgreSQL's password, its
 * reading, writing and locking, the live key rings that follow the file when it changes
 * (rotation), and the {@code bikeguard keys} command. Imports only the configuration.
 */
package org.bikeguard.tracker.keys;
