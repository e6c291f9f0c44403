/**
 * The bike's QR certificate on paper: the PDF an installation point prints (JasperReports with a
 * bundled font, ZXing for the QR code) and the public address its QR code carries.
 */
package org.bikeguard.tracker.certificate;
