/**
 * Live alarms: the cluster-wide watch list, the detectors fed by ingest's
 * {@link org.bikeguard.tracker.ingest.NewFrameListener} hook (clone and silent rules on each tag's
 * owning member, reads forwarded to it), the alarm hub, store and stream, the learned station
 * transitions, and the alarm and watch-list routes.
 */
package org.bikeguard.tracker.alert;
