-- A tamper-evident audit log (docs/operations.md, "The audit log").
--
-- 1. Append only: a trigger refuses UPDATE, DELETE and TRUNCATE for everybody (superusers too,
--    unless they disable the trigger), and the privileges are revoked from PUBLIC. In production
--    the table belongs to a role the tracker does not log in as (ops/db/audit-owner.sql), so the
--    tracker's own role holds only SELECT and INSERT on it.
-- 2. A hash chain: every row has a gapless position `seq` (1, 2, ...), the previous row's hash
--    `prev_hash` (32 zero bytes for seq 1) and `hash` = SHA-256(prev_hash || canonical(row)).
--    A BEFORE INSERT trigger fills the three under a transaction-scoped advisory lock, so writers
--    on several tracker processes sharing this database append to one chain; the unique index on
--    `seq` makes a fork (a writer in a REPEATABLE READ snapshot) fail instead of branching.
--    GET /api/v1/audit/verify recomputes the chain in the tracker (AuditChain.java implements the
--    same encoding independently of the functions below).
--
-- canonical(row), every field in this order:
--   'bikeguard-audit-v1' (UTF-8, no length), seq (int8 big-endian), id (int8 big-endian), then
--   each of at, username, role, action, subject, case_no, details as a length-prefixed UTF-8 text
--   (int4 big-endian byte length, then the bytes; NULL is the length -1 and no bytes), where
--   at = to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') (microseconds) and
--   details = details::text (PostgreSQL's normalized jsonb text).

-- Takes ACCESS EXCLUSIVE until the migration commits: no row is written unchained meanwhile.
ALTER TABLE audit_log
  ADD COLUMN seq       bigint,
  ADD COLUMN prev_hash bytea,
  ADD COLUMN hash      bytea;

CREATE FUNCTION audit_log_field(t text) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN t IS NULL THEN int4send(-1)
              ELSE int4send(octet_length(convert_to(t, 'UTF8'))) || convert_to(t, 'UTF8') END
$$;

CREATE FUNCTION audit_log_hash(
    prev bytea, seq bigint, id bigint, at timestamptz, username text, role text, action text,
    subject text, case_no text, details jsonb) RETURNS bytea
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT sha256(prev
      || convert_to('bikeguard-audit-v1', 'UTF8')
      || int8send(seq)
      || int8send(id)
      || audit_log_field(to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
      || audit_log_field(username)
      || audit_log_field(role)
      || audit_log_field(action)
      || audit_log_field(subject)
      || audit_log_field(case_no)
      || audit_log_field(details::text))
$$;

-- The rows written before this migration, chained in id order.
DO $$
DECLARE
  r    record;
  prev bytea := decode(repeat('00', 32), 'hex');
  n    bigint := 0;
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
    n := n + 1;
    UPDATE audit_log
       SET seq = n,
           prev_hash = prev,
           hash = audit_log_hash(prev, n, r.id, r.at, r.username, r.role, r.action, r.subject, r.case_no, r.details)
     WHERE id = r.id
    RETURNING hash INTO prev;
  END LOOP;
END
$$;

ALTER TABLE audit_log
  ALTER COLUMN seq SET NOT NULL,
  ALTER COLUMN prev_hash SET NOT NULL,
  ALTER COLUMN hash SET NOT NULL,
  ADD CONSTRAINT audit_log_hash_len CHECK (octet_length(hash) = 32 AND octet_length(prev_hash) = 32);
CREATE UNIQUE INDEX audit_log_seq_idx ON audit_log (seq);

-- Appends a row to the chain. The lock key is AdvisoryLock.key("bikeguard.audit.chain") (FNV-1a,
-- AuditChain.LOCK_KEY); it is held until the inserting transaction ends, so the next writer reads
-- this row as the last one. The SELECT runs after the lock is granted and, under READ COMMITTED,
-- sees the previous holder's committed row.
CREATE FUNCTION audit_log_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last_seq  bigint;
  last_hash bytea;
BEGIN
  PERFORM pg_advisory_xact_lock(5054820423682092003);
  SELECT a.seq, a.hash INTO last_seq, last_hash FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
  NEW.seq := COALESCE(last_seq, 0) + 1;
  NEW.prev_hash := COALESCE(last_hash, decode(repeat('00', 32), 'hex'));
  NEW.hash := audit_log_hash(NEW.prev_hash, NEW.seq, NEW.id, NEW.at, NEW.username, NEW.role, NEW.action,
                             NEW.subject, NEW.case_no, NEW.details);
  RETURN NEW;
END
$$;

CREATE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
