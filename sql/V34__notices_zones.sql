-- Owner notices (an outbox), appeals, monthly training, no-go zones with their events, and fines.
-- Reads the shared violation table (V32); detection writes it, nothing here changes it.

-- Whose violation it is: the bike's owner at the passage (ownerships), or its first owner when the
-- passage precedes every ownership. A transferred bike's old violations stay with the old owner.
CREATE VIEW violation_owner AS
SELECT v.id AS violation_id, v.bike_id,
       COALESCE((SELECT o.owner_id FROM ownerships o WHERE o.bike_id = v.bike_id AND o.from_at <= v.at
                 ORDER BY o.from_at DESC LIMIT 1),
                (SELECT o.owner_id FROM ownerships o WHERE o.bike_id = v.bike_id ORDER BY o.from_at LIMIT 1)) AS owner_id
  FROM violation v
 WHERE v.bike_id IS NOT NULL;

-- The notification outbox: one notice per violation (and one per zone text). A poller inserts a
-- notice for each new violation (idempotent: the unique key), and delivers pending ones under
-- FOR UPDATE SKIP LOCKED, so members of a cluster never send the same notice twice at once.
CREATE TABLE notice (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  violation_id    bigint UNIQUE REFERENCES violation (id),
  zone_event_id   bigint UNIQUE,
  owner_id        bigint NOT NULL REFERENCES owners (id),
  -- the owner's phone (SMS number; the WeChat relay resolves the official-account user from it)
  recipient       text NOT NULL,
  template        text NOT NULL,
  params          jsonb NOT NULL,
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
  attempts        int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_error      text,
  gateway         text,
  created_at      timestamptz NOT NULL,
  sent_at         timestamptz,
  CHECK (violation_id IS NOT NULL OR zone_event_id IS NOT NULL)
);
CREATE INDEX notice_due_idx ON notice (next_attempt_at) WHERE state = 'pending';
CREATE INDEX notice_owner_idx ON notice (owner_id);

-- An owner's appeal against a violation, decided by a traffic officer. A cancelled violation
-- does not count for the monthly rules.
CREATE TABLE violation_appeal (
  violation_id bigint PRIMARY KEY REFERENCES violation (id),
  owner_id     bigint NOT NULL REFERENCES owners (id),
  reason       text NOT NULL,
  filed_at     timestamptz NOT NULL,
  state        text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'upheld', 'cancelled')),
  decided_by   text,
  decided_at   timestamptz,
  note         text NOT NULL DEFAULT ''
);
CREATE INDEX violation_appeal_pending_idx ON violation_appeal (filed_at) WHERE state = 'pending';

-- Safety training of a bike's owner for a calendar month (Asia/Shanghai) with >= 3 counted
-- violations: 3 sessions of 2 hours, attendance and the exam recorded by the traffic police.
CREATE TABLE training_enrolment (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  bike_id     bigint NOT NULL REFERENCES bikes (id),
  owner_id    bigint NOT NULL REFERENCES owners (id),
  month       text NOT NULL CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
  violations  int NOT NULL,
  attended    boolean[] NOT NULL DEFAULT ARRAY[false, false, false],
  exam        text CHECK (exam IN ('passed', 'failed')),
  enrolled_at timestamptz NOT NULL,
  updated_by  text,
  UNIQUE (bike_id, owner_id, month)
);

-- No-go zones: a polygon (GeoJSON, WGS84) and/or listed stations, compiled to the station set.
CREATE TABLE zone (
  id         text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_.-]{1,64}$'),
  name       text NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('fire_lane', 'building_entrance', 'corridor')),
  geometry   jsonb,
  listed     text[] NOT NULL DEFAULT '{}',
  stations   text[] NOT NULL,
  grace_s    int NOT NULL CHECK (grace_s >= 0),
  fine_fen   bigint NOT NULL CHECK (fine_fen >= 0),
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);

-- What happened in a zone: entered (building entrance alert), text (fire-lane warning), fine.
-- One event of a kind per (zone, tag, dwell start): a replay or a second member adds nothing.
CREATE TABLE zone_event (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  zone_id    text NOT NULL REFERENCES zone (id),
  kind       text NOT NULL CHECK (kind IN ('entered', 'text', 'fine')),
  tag        bigint NOT NULL,
  bike_id    bigint REFERENCES bikes (id),
  station    text NOT NULL,
  -- the dwell's first read and the read that decided the event (event time, UTC)
  enter_at   timestamptz NOT NULL,
  at         timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (zone_id, tag, enter_at, kind)
);
CREATE INDEX zone_event_zone_idx ON zone_event (zone_id, id);
CREATE INDEX zone_event_kind_idx ON zone_event (kind, id);

-- Fine cases from zone rules, payable through the payment gateway (embedded: at the counter).
CREATE TABLE fine (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  zone_event_id bigint NOT NULL UNIQUE REFERENCES zone_event (id),
  bike_id       bigint NOT NULL REFERENCES bikes (id),
  owner_id      bigint NOT NULL REFERENCES owners (id),
  amount_fen    bigint NOT NULL CHECK (amount_fen >= 0),
  state         text NOT NULL DEFAULT 'unpaid' CHECK (state IN ('unpaid', 'paid')),
  payment_ref   text,
  paid_via      text,
  paid_at       timestamptz,
  created_at    timestamptz NOT NULL
);
CREATE INDEX fine_owner_idx ON fine (owner_id);
