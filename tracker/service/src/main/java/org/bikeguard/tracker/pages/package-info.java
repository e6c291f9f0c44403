/**
 * Static pages without a framework: the public pages (second-hand check, QR certificate page)
 * and the installation point's counter pages. Their data comes from the JSON API.
 */
package org.bikeguard.tracker.pages;
