/**
 * Start-up work that several cluster members may do at the same moment on one PostgreSQL:
 * {@link org.bikeguard.common.db.AdvisoryLock} runs it under a session-level advisory lock, so
 * one member at a time migrates a schema or creates partitions while the others wait, then find
 * the work done. Plain JDBC ({@code java.sql}); the caller brings the driver.
 */
package org.bikeguard.common.db;
