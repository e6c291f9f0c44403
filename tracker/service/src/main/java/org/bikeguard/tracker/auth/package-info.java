/**
 * Accounts, roles and bearer tokens: users and password hashing, the token service (signed with the
 * {@code token-signing} key ring of {@link org.bikeguard.tracker.keys}) and the records of issued tokens (revocation, {@link org.bikeguard.tracker.auth.TokenChecks}),
 * login throttling and lockout ({@link org.bikeguard.tracker.auth.LoginAttempts} per account in the
 * database, {@link org.bikeguard.tracker.auth.AddressThrottle} per address in memory), the Vert.x
 * authentication glue ({@link org.bikeguard.tracker.auth.BearerAuth}) and the login, logout,
 * password, who-am-I and user-administration routes. Imports no other feature; writes its audit rows
 * through {@link org.bikeguard.tracker.auth.AuthAudit} (the audit log implements it).
 */
package org.bikeguard.tracker.auth;
