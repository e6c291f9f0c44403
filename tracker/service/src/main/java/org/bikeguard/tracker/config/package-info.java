/**
 * The tracker's typed configuration ({@code TrackerConfig}), read once at start from the
 * environment over an optional file by the shared settings loader.
 */
package org.bikeguard.tracker.config;
