-- Theft cases and their pinned evidence. A case is 'reported' by the owner, 'confirmed' by the
-- police with a case number (the bike's tag then goes on the watch list), and ends 'recovered'
-- (the bike is back) or 'closed' (withdrawn or closed without recovery). A confirmed case that is
-- never recovered stays 'confirmed' (the claims module pays on that state and its dates).

CREATE TABLE theft_cases (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  bike_id       bigint NOT NULL REFERENCES bikes (id),
  owner_id      bigint NOT NULL REFERENCES owners (id),
  status        text NOT NULL DEFAULT 'reported' CHECK (status IN ('reported', 'confirmed', 'recovered', 'closed')),
  case_no       text UNIQUE,
  stolen_at     timestamptz NOT NULL,
  place         text NOT NULL,
  description   text NOT NULL,
  reported_at   timestamptz NOT NULL,
  reported_by   text NOT NULL,
  confirmed_at  timestamptz,
  confirmed_by  text,
  recovered_at  timestamptz,
  recovered_by  text,
  closed_at     timestamptz,
  closed_by     text,
  outcome_note  text NOT NULL DEFAULT '',
  CHECK (stolen_at <= reported_at),
  CHECK (status = 'reported' OR status = 'closed' OR case_no IS NOT NULL)
);
-- at most one open case per bike
CREATE UNIQUE INDEX theft_cases_open_idx ON theft_cases (bike_id) WHERE status IN ('reported', 'confirmed');
CREATE INDEX theft_cases_status_idx ON theft_cases (status, reported_at);
CREATE INDEX theft_cases_owner_idx ON theft_cases (owner_id);

-- Trajectory evidence compiled for a case (at confirmation, and on later requests): a frozen copy
-- of the sightings and the GeoJSON trajectory, never updated or deleted ("pinned").
CREATE TABLE theft_evidence (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id     bigint NOT NULL REFERENCES theft_cases (id),
  compiled_at timestamptz NOT NULL,
  compiled_by text NOT NULL,
  from_at     timestamptz NOT NULL,
  to_at       timestamptz NOT NULL,
  -- [{"tag","station","firstSeen","lastSeen","reads","peakRssi","open"}]
  sightings   jsonb NOT NULL,
  -- GeoJSON Feature, or null when the tag was not heard in the window
  trajectory  jsonb
);
CREATE INDEX theft_evidence_case_idx ON theft_evidence (case_id, id);
