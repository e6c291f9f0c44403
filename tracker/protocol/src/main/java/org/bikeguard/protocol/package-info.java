/**
 * The base-station wire format: frames and reads, the JSON and binary codecs (pure functions,
 * thread-safe), limits, tag and station id rules and topics. Imports nothing of the tracker; the
 * spec with golden vectors is {@code docs/protocol.md}.
 */
package org.bikeguard.protocol;
