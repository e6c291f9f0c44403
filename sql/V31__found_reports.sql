-- "I found this bike": a passer-by's report from a QR certificate's public page, for the police
-- (GET /api/v1/found-reports). The reporter is anonymous: no name, phone or client address is kept
-- here (the address is in the audit row of the report, for abuse follow-up only).
CREATE TABLE found_reports (
  id          bigserial PRIMARY KEY,
  bike_id     bigint NOT NULL REFERENCES bikes (id),
  reported_at timestamptz NOT NULL,
  lon         double precision CHECK (lon BETWEEN -180 AND 180),
  lat         double precision CHECK (lat BETWEEN -90 AND 90),
  accuracy_m  double precision CHECK (accuracy_m >= 0),
  place       text NOT NULL DEFAULT '' CHECK (length(place) <= 200),
  note        text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  -- the bike's status and open theft case when the report came in
  bike_status text NOT NULL,
  case_id     bigint,
  handled_at  timestamptz,
  handled_by  text,
  CHECK ((lon IS NULL) = (lat IS NULL)),
  CHECK (lon IS NOT NULL OR place <> '')
);
CREATE INDEX found_reports_time_idx ON found_reports (reported_at DESC, id DESC);
CREATE INDEX found_reports_open_idx ON found_reports (reported_at) WHERE handled_at IS NULL;
