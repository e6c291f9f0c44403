-- Work management, continued (issue 15): reserves, activities with due dates and the fraud-review
-- queue. Money in fen; calendar dates Asia/Shanghai; instants timestamptz; usernames are the
-- tracker's login names.

-- Every change of a claim's reserve is a row: the reserve after the change, the change itself,
-- why, who and when. The current reserve is the newest row's amount (none: 0).
CREATE TABLE claim_reserve (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_id    bigint      NOT NULL REFERENCES claim (id),
    amount_fen  bigint      NOT NULL CHECK (amount_fen >= 0),
    change_fen  bigint      NOT NULL,
    reason      text        NOT NULL,
    changed_by  text        NOT NULL,
    changed_at  timestamptz NOT NULL
);
CREATE INDEX claim_reserve_claim ON claim_reserve (claim_id, id);

-- Claims open before reserves existed: theft claims in progress reserve their payout, liability
-- claims assessed or settled their assessed amount.
INSERT INTO claim_reserve (claim_id, amount_fen, change_fen, reason, changed_by, changed_at)
SELECT id, payout_fen, payout_fen, 'migration', 'system', now()
FROM claim
WHERE payout_fen > 0
  AND ((type = 'theft' AND status IN ('open', 'referred', 'approved'))
    OR (type = 'liability' AND status IN ('assessed', 'settled')));

-- Tasks on a claim. kind names a standard task the claim's steps create (acknowledge, papers,
-- inspect, decide); null for one an adjuster added. No assignee: the claim's assignee.
CREATE TABLE claim_activity (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_id         bigint      NOT NULL REFERENCES claim (id),
    kind             text,
    body             text        NOT NULL CHECK (length(body) BETWEEN 1 AND 500),
    assignee         text,
    due_date         date,
    due_provisional  boolean     NOT NULL DEFAULT false,
    created_by       text        NOT NULL,
    created_at       timestamptz NOT NULL,
    done_by          text,
    done_at          timestamptz
);
CREATE INDEX claim_activity_claim ON claim_activity (claim_id);
CREATE INDEX claim_activity_open ON claim_activity (due_date) WHERE done_at IS NULL;

-- The fraud-review queue: a referred claim waits here until a reviewer (an adjuster other than
-- the referrer) clears it (back to normal handling) or confirms it (denied). A review is
-- 'superseded' when the claim left the referral by another way (decided, found).
CREATE TABLE fraud_review (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_id     bigint      NOT NULL REFERENCES claim (id),
    referred_by  text,
    referred_at  timestamptz NOT NULL,
    reviewer     text,
    outcome      text        CHECK (outcome IN ('cleared', 'confirmed', 'superseded')),
    reason       text,
    clause       text,
    reviewed_at  timestamptz
);
CREATE UNIQUE INDEX fraud_review_pending ON fraud_review (claim_id) WHERE outcome IS NULL;
INSERT INTO fraud_review (claim_id, referred_by, referred_at)
SELECT id, referred_by, updated_at FROM claim WHERE status = 'referred';
