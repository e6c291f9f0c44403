/**
 * What a claim pays, in fen: the anti-theft brackets by the bike's age (1,200 / 800 / 500 yuan)
 * and the liability limits per head.
 */
package org.bikeguard.claims.payout;
