/**
 * The owner portal (issue 14): the pages under {@code /owner/}, the owners' login with an SMS
 * code as second factor ({@link org.bikeguard.tracker.owner.SmsGateway}), transfers the seller
 * offers and the buyer accepts, payment orders for cover ({@link org.bikeguard.tracker.payment.PaymentGateway}),
 * the day's capacity of an installation point and the certificate's QR code.
 */
package org.bikeguard.tracker.owner;
