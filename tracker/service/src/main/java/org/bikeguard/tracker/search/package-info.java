/**
 * The police console's one search box: a plate, frame number, tag, owner phone or the text of a
 * scanned QR certificate finds bikes, each with its owner masked, its open case and where it was
 * last seen. Audited like every police query.
 */
package org.bikeguard.tracker.search;
