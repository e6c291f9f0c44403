/**
 * MQTT ingest of base-station frames: sessions, decoding, redelivery filtering, the durable frame
 * log and the applier that feeds the sighting engine; other features see new frames only through
 * the {@link org.bikeguard.tracker.ingest.NewFrameListener} hook.
 */
package org.bikeguard.tracker.ingest;
