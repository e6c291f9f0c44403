/**
 * Running claims alone: its main class and the bearer-token check that asks the tracker who a
 * caller is.
 */
package org.bikeguard.claims.app;
