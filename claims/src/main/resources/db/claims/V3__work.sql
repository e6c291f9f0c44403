-- Work management of the adjusters' console: who handles a claim, and the notes they leave.
-- Instants are timestamptz; usernames are the tracker's login names.

CREATE TABLE claim_assignment (
    claim_id     bigint      PRIMARY KEY REFERENCES claim (id),
    assignee     text        NOT NULL,
    assigned_by  text        NOT NULL,
    assigned_at  timestamptz NOT NULL
);
CREATE INDEX claim_assignment_assignee ON claim_assignment (assignee);

CREATE TABLE claim_note (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_id   bigint      NOT NULL REFERENCES claim (id),
    author     text        NOT NULL,
    at         timestamptz NOT NULL,
    body       text        NOT NULL CHECK (length(body) BETWEEN 1 AND 4000)
);
CREATE INDEX claim_note_claim ON claim_note (claim_id);

-- the console's search: plate, police case number, owner phone
CREATE INDEX claim_plate ON claim (plate);
CREATE INDEX claim_case_no ON claim (case_no);
CREATE INDEX claim_owner_phone ON claim (owner_phone);
