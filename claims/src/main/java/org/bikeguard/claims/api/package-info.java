/**
 * The claims HTTP routes (policies, claims, calendar, reports) on the shared toolkit and error
 * contract of {@code org.bikeguard.common.web}.
 */
package org.bikeguard.claims.api;
