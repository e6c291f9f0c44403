/**
 * Documents rendered with JasperReports 7 (settlement, rights transfer, bordereau, loss ratio)
 * with a bundled Chinese font, and money in words.
 */
package org.bikeguard.claims.report;
