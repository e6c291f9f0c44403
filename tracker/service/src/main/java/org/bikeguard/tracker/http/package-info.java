/**
 * The tracker's HTTP server: builds the features' services once ({@link
 * org.bikeguard.tracker.http.ApiServices}), assembles their routes into one router with the shared
 * error contract ({@link org.bikeguard.tracker.http.HttpApiVerticle}), and serves the system routes
 * (health, metrics, OpenAPI) and routers other modules publish. Wiring only: no feature logic.
 */
package org.bikeguard.tracker.http;
