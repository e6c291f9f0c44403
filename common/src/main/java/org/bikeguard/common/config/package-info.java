/**
 * Configuration loading shared by every runnable module: {@link org.bikeguard.common.config.Settings}
 * merges the properties file named by {@code BIKEGUARD_CONFIG} under the environment (the
 * environment wins) and offers typed getters whose errors name the key. Each module builds its own
 * immutable config record from it (the tracker's {@code TrackerConfig}, claims'
 * {@code ClaimsConfig}); nothing else reads the environment.
 */
package org.bikeguard.common.config;
