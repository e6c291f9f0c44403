-- Gives the audit log to a role the tracker does not log in as (docs/operations.md, "The audit
-- log"). Run it once per database, as a superuser, after the tracker has migrated the database to
-- V25 (its first start, or the upgrade that brought V25), and again after any later migration
-- that recreates these objects:
--
--   psql "postgresql://postgres@db/bikeguard" -v app_role=bikeguard -v audit_role=bikeguard_audit \
--        -f ops/db/audit-owner.sql
--
-- app_role:   the role the tracker logs in as (BIKEGUARD_DB_USER); it owns the other tables, runs the
--             migrations and partition maintenance.
-- audit_role: a role nobody logs in as (created here if missing). It owns audit_log, its identity
--             sequence and the functions of its triggers, so the tracker's role can neither change
--             nor drop them, nor disable the triggers, nor grant itself UPDATE or DELETE.
--
-- Afterwards the tracker's role holds SELECT and INSERT on audit_log and nothing else: an UPDATE,
-- DELETE or TRUNCATE from it fails with "permission denied" before any trigger runs. A future
-- migration that alters audit_log must then be applied by a superuser.

SELECT format('CREATE ROLE %I NOLOGIN', :'audit_role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'audit_role') \gexec

BEGIN;
ALTER TABLE audit_log OWNER TO :"audit_role";
ALTER FUNCTION audit_log_chain() OWNER TO :"audit_role";
ALTER FUNCTION audit_log_append_only() OWNER TO :"audit_role";
ALTER FUNCTION audit_log_field(text) OWNER TO :"audit_role";
ALTER FUNCTION audit_log_hash(bytea, bigint, bigint, timestamptz, text, text, text, text, text, jsonb)
  OWNER TO :"audit_role";
REVOKE ALL ON audit_log FROM PUBLIC;
REVOKE ALL ON audit_log FROM :"app_role";
GRANT SELECT, INSERT ON audit_log TO :"app_role";
COMMIT;
