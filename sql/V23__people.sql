-- People: login throttling and lockout, token revocation, disabled accounts (issue 11, "People").
-- Every member of a cluster reads and writes these rows, so a lock or a revocation holds on all
-- of them. Times are written by the tracker from its clock (UTC), never by now().

-- A disabled account cannot log in and its tokens are refused; NULL = enabled.
ALTER TABLE users ADD COLUMN disabled_at timestamptz;

-- Failed logins per username (also for names without an account, so that throttling does not
-- tell which names exist). failures counts the attempts since the last success (an attempt is
-- counted when it starts, and the count is cleared when the password proves right); an attempt
-- before next_attempt_at is refused without checking the password; locked_at set = refused until
-- an admin unlocks. A row whose last failure is older than the forgetting window (24 h) starts
-- over; such rows are purged unless locked.
CREATE TABLE login_failures (
  username        text PRIMARY KEY,
  failures        integer NOT NULL,
  last_failure_at timestamptz NOT NULL,
  next_attempt_at timestamptz NOT NULL,
  locked_at       timestamptz,
  last_address    text
);

-- Every token issued by a login, by its random id (the token's jti claim). A token is accepted
-- only while its row exists and is not revoked. Rows are purged a day after they expire.
CREATE TABLE auth_tokens (
  jti           text PRIMARY KEY,
  username      text NOT NULL,
  issued_at     timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  address       text,
  revoked_at    timestamptz,
  revoked_by    text,
  revoke_reason text
);
CREATE INDEX auth_tokens_live_idx ON auth_tokens (username) WHERE revoked_at IS NULL;
CREATE INDEX auth_tokens_expires_idx ON auth_tokens (expires_at);
