/**
 * The benchmarks behind the README's performance table, started by the scripts in {@code
 * ops/bench/}: ingest and COPY baselines, the engine and hot state, alarm latency, police queries
 * and the police map in a headless browser. Tools, not product code; each prints a table.
 */
package org.bikeguard.bench;
