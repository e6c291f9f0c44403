-- A stolen alarm's companions of the hour before it (GET /api/v1/police/companions's list), found
-- after the alarm went out and stored apart from it: the alarm's own row may not be written yet
-- when they are found (both are written asynchronously), so no foreign key. An empty list: none
-- found; no row: not looked for, or past the query's budget.
CREATE TABLE alert_companions (
  alert_id   bigint PRIMARY KEY,
  found_at   timestamptz NOT NULL,
  companions jsonb NOT NULL
);
