-- Claims integrity (issue 15): due dates stored on the claim, one live theft claim per bike and
-- policy, one payout per claim and idempotent payments, four eyes on approvals.

-- The theft claim's SLA due date (Asia/Shanghai date), stored when the papers are complete and
-- recomputed when an official calendar year is loaded; provisional while it counts through a
-- year computed from the holiday law.
ALTER TABLE claim
    ADD COLUMN due_date             date,
    ADD COLUMN due_date_provisional boolean NOT NULL DEFAULT false;
CREATE INDEX claim_due_date ON claim (due_date);

-- One live theft claim per bike and policy: a second one is possible only after the first was
-- denied, closed (bike found before payment) or its payout returned.
CREATE UNIQUE INDEX claim_theft_bike_policy ON claim (bike_id, policy_id)
    WHERE type = 'theft' AND status NOT IN ('denied', 'closed', 'returned');

-- A claim is paid once; a retried payment names the same key and gets the first payment back.
ALTER TABLE payment ADD COLUMN idempotency_key text;
CREATE UNIQUE INDEX payment_one_payout ON payment (claim_id) WHERE kind = 'payout';
CREATE UNIQUE INDEX payment_key ON payment (idempotency_key) WHERE idempotency_key IS NOT NULL;

-- Four eyes: who referred the claim (null: the fraud signals at opening), whether it was ever
-- referred, whether its approval needs a second adjuster and who gave it; the owner's signed
-- rights-transfer paper when an adjuster signs for the owner.
ALTER TABLE claim
    ADD COLUMN referred_by            text,
    ADD COLUMN was_referred           boolean NOT NULL DEFAULT false,
    ADD COLUMN second_approval_needed boolean NOT NULL DEFAULT false,
    ADD COLUMN second_approved_by     text,
    ADD COLUMN second_approved_at     timestamptz,
    ADD COLUMN rights_paper_id        bigint REFERENCES attachment (id);
UPDATE claim SET was_referred = true WHERE status = 'referred';
