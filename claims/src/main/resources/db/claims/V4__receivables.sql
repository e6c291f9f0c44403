-- A returned payout is a receivable until it is received (issue 15): the owner returning the
-- payout when the bike is found after payment, or the payment side sending a payout back. Money in
-- fen; instants timestamptz.
CREATE TABLE receivable (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_id     bigint      NOT NULL REFERENCES claim (id),
    amount_fen   bigint      NOT NULL CHECK (amount_fen > 0),
    reason       text        NOT NULL CHECK (reason IN ('bike-recovered', 'payment-returned')),
    opened_at    timestamptz NOT NULL,
    opened_by    text        NOT NULL,
    reference    text,
    state        text        NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'received')),
    received_at  timestamptz,
    received_by  text,
    receipt_reference text,
    CHECK ((state = 'open') = (received_at IS NULL AND received_by IS NULL))
);
CREATE INDEX receivable_claim ON receivable (claim_id);
CREATE INDEX receivable_open ON receivable (opened_at) WHERE state = 'open';
-- at most one open receivable per claim and reason
CREATE UNIQUE INDEX receivable_one_open ON receivable (claim_id, reason) WHERE state = 'open';

-- A payout the payment side sent back, once the money is received, no longer counts as the
-- claim's one payout: the claim can be paid again (to the right account).
ALTER TABLE payment ADD COLUMN returned_at timestamptz;
DROP INDEX payment_one_payout;
CREATE UNIQUE INDEX payment_one_payout ON payment (claim_id) WHERE kind = 'payout' AND returned_at IS NULL;
