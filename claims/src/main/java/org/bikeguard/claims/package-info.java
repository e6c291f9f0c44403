/**
 * The claims module: its verticle (deployed by name into the tracker or run alone), typed
 * configuration, services and Asia/Shanghai calendar time. Talks to the tracker through its HTTP
 * API only.
 */
package org.bikeguard.claims;
