/**
 * Traffic violations at intersections: the intersection model and its import, signal phases (from
 * controllers over MQTT or fixed-time plans, with their history), detection of red-light running,
 * wrong-way and motor-lane riding on the live read stream, and the violation query route.
 */
package org.bikeguard.tracker.violation;
