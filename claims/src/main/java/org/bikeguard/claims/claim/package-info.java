/**
 * Theft and liability claims: eligibility, papers, the deadline, decisions, payments, recovery,
 * and their storage and history.
 */
package org.bikeguard.claims.claim;
