/**
 * No-go zones (fire lanes, building entrances and lift lobbies, corridors): polygons or station
 * sets compiled to station sets when edited, dwell detection on the live frame stream, the zone
 * rules (text, fine case, property alert), fines and their payment port.
 */
package org.bikeguard.tracker.zones;
