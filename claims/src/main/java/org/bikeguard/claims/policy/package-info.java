/**
 * Policies: sale (never backdated), cover by instant, cancellation and transfer with the bike.
 */
package org.bikeguard.claims.policy;
