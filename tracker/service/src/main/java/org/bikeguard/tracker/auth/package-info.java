/**
 * Accounts, roles and bearer tokens: users and password hashing, the token service (signed with
 * the {@code token-signing} key ring of {@link org.bikeguard.tracker.keys}), the Vert.x
 * authentication glue ({@link org.bikeguard.tracker.auth.BearerAuth}) and the login, user and
 * who-am-I routes. Imports no other feature.
 */
package org.bikeguard.tracker.auth;
