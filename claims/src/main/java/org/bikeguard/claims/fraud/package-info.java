/**
 * Fraud signals from the tracker's evidence (sightings, theft case, history): they refer a claim
 * to a second look, never deny it.
 */
package org.bikeguard.claims.fraud;
