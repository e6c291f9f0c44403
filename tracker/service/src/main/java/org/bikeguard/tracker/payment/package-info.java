/**
 * Payment: the one port ({@link org.bikeguard.tracker.payment.PaymentGateway}) through which owners
 * pay for cover and fines, and its embedded default, paying at a counter
 * ({@link org.bikeguard.tracker.payment.CounterPaymentGateway}). Depends on nothing else of the tracker.
 */
package org.bikeguard.tracker.payment;
