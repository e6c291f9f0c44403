/**
 * The police console: its static pages and map data, and its spatial queries (who passed these
 * stations, where a tag was last seen, likely next stations), each audited before data is read.
 */
package org.bikeguard.tracker.police;
