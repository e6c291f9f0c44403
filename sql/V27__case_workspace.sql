-- The police case workspace and the one search box (issue 13): notes and shift handovers on theft
-- cases (who, when, what was done, what is left), and the indexes behind the case list, a case's
-- alarms and plate look-ups by prefix.

CREATE TABLE case_notes (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id    bigint NOT NULL REFERENCES theft_cases (id),
  -- 'note': a line in the case log; 'handover': the end-of-shift summary for the next officer
  kind       text NOT NULL CHECK (kind IN ('note', 'handover')),
  at         timestamptz NOT NULL,
  author     text NOT NULL,
  -- what was done
  body       text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  -- what is left to do (handovers), may be empty
  next_steps text NOT NULL DEFAULT '' CHECK (length(next_steps) <= 4000)
);
CREATE INDEX case_notes_case_idx ON case_notes (case_id, id);

-- the case list by theft time; a case's alarms
CREATE INDEX theft_cases_stolen_idx ON theft_cases (stolen_at, id);
CREATE INDEX alerts_case_idx ON alerts (case_id, id) WHERE case_id IS NOT NULL;

-- the search box: plates by prefix (canonical plates, registered bikes)
CREATE INDEX bikes_plate_prefix_idx ON bikes (plate text_pattern_ops) WHERE status <> 'deregistered';
