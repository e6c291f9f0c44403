-- The owner portal (issue 14): the SMS second factor of owners' logins, transfers that the seller
-- starts and the buyer confirms, and payment orders of cover bought on the owner pages.
-- Instants are timestamptz (UTC in the API); money is fen.

-- One SMS code sent after a right password. The code itself is never stored: code_hash is
-- SHA-256 of "<id>:<code>". A challenge is good until expires_at, for at most a few wrong codes,
-- and for one login (used_at).
CREATE TABLE sms_challenges (
  id         text PRIMARY KEY,
  user_id    bigint NOT NULL REFERENCES users (id),
  username   text NOT NULL,
  code_hash  text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  failures   integer NOT NULL DEFAULT 0,
  used_at    timestamptz
);
CREATE INDEX sms_challenges_user_idx ON sms_challenges (username, created_at);

-- A transfer of ownership offered by the seller to a registered owner (the buyer, named by phone);
-- the buyer accepts with their own ID number, which moves the bike. One pending offer per bike.
CREATE TABLE transfer_offers (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  bike_id    bigint NOT NULL REFERENCES bikes (id),
  from_owner bigint NOT NULL REFERENCES owners (id),
  to_owner   bigint NOT NULL REFERENCES owners (id),
  status     text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'cancelled', 'declined')),
  created_at timestamptz NOT NULL,
  ended_at   timestamptz
);
CREATE UNIQUE INDEX transfer_offers_pending_idx ON transfer_offers (bike_id) WHERE status = 'pending';
CREATE INDEX transfer_offers_to_idx ON transfer_offers (to_owner, status);

-- An order to pay for cover (anti-theft service or liability) through the configured payment
-- gateway; the embedded default leaves it 'pending' to be paid at the installation point.
CREATE TABLE payment_orders (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_id   bigint NOT NULL REFERENCES owners (id),
  bike_id    bigint NOT NULL REFERENCES bikes (id),
  product    text NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
  method     text NOT NULL,
  status     text NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
  reference  text NOT NULL UNIQUE,
  policy_id  bigint,
  created_at timestamptz NOT NULL
);
CREATE INDEX payment_orders_owner_idx ON payment_orders (owner_id, created_at);

-- Owners may also ask for a replacement certificate card (the printed card with the QR code).
ALTER TABLE bike_requests DROP CONSTRAINT bike_requests_kind_check;
ALTER TABLE bike_requests ADD CONSTRAINT bike_requests_kind_check CHECK (kind IN ('plate', 'tag', 'card'));
