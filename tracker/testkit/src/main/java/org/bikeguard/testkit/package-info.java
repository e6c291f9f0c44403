/**
 * The test kit: everything tests and benchmarks need to stand up and drive a tracker, in one
 * library instead of a test-jar.
 *
 * <ul>
 *   <li>{@link org.bikeguard.testkit.TrackerKit}: the one builder of a whole tracker in the JVM and
 *       its handle (ports, HTTP clients and role tokens, stations, MQTT, owners and bikes);</li>
 *   <li>{@link org.bikeguard.testkit.TestDatabase}: one embedded PostgreSQL per JVM, a fresh
 *       database per call (trust authentication: the product's password is tested apart);
 *       {@link org.bikeguard.testkit.TestConfigs}: test configurations;
 *       {@link org.bikeguard.testkit.TestKeys}: one key file per database;</li>
 *   <li>{@link org.bikeguard.testkit.FreePorts} and {@link org.bikeguard.testkit.TestCluster}:
 *       ports picked up front, Hazelcast test clusters on loopback;</li>
 *   <li>{@link org.bikeguard.testkit.ScenarioClock} and {@link org.bikeguard.testkit.ScenarioDate}:
 *       scenario time, never the calendar;</li>
 *   <li>{@link org.bikeguard.testkit.HttpTestClient}, {@link org.bikeguard.testkit.TestStation}
 *       and {@link org.bikeguard.testkit.JsonFrames}: the public HTTP API and MQTT as a client
 *       sees them; {@link org.bikeguard.testkit.RegistryFixtures}: registry test data;</li>
 *   <li>{@link org.bikeguard.testkit.TrackerProcess}: the tracker as a process a crash test kills;</li>
 *   <li>{@link org.bikeguard.testkit.Poll}: the one polling wait;</li>
 *   <li>{@link org.bikeguard.testkit.CdpBrowser}: the one headless-browser client (Chromium over
 *       the DevTools protocol), for the console tests and the benchmarks.</li>
 * </ul>
 *
 * <p>The tracker's integration tests ({@code tracker/it}), claims and simulator tests depend on
 * this module with test scope, the benchmarks with compile scope; the distribution ({@code dist})
 * never contains it.
 */
package org.bikeguard.testkit;
