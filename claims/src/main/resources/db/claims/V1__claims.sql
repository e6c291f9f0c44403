-- The claims module's own schema. Money in fen (bigint); calendar dates are Asia/Shanghai dates
-- (date); instants are timestamptz. Never references the tracker's tables.

CREATE TABLE product (
    kind        text        NOT NULL CHECK (kind IN ('anti-theft', 'liability')),
    version     int         NOT NULL CHECK (version > 0),
    terms       jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, version)
);

CREATE TABLE policy (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product         text        NOT NULL,
    product_version int         NOT NULL,
    bike_id         text        NOT NULL,
    owner_id        text        NOT NULL,
    owner_username  text,
    start_date      date        NOT NULL,
    end_date        date        NOT NULL,
    premium_fen     bigint      NOT NULL CHECK (premium_fen >= 0),
    cancelled_on    date,
    refund_fen      bigint,
    sold_by         text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (product, product_version) REFERENCES product (kind, version),
    CHECK (end_date >= start_date)
);
CREATE INDEX policy_bike ON policy (bike_id);
CREATE INDEX policy_owner ON policy (owner_username);

CREATE TABLE claim (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type               text        NOT NULL CHECK (type IN ('theft', 'liability')),
    status             text        NOT NULL,
    policy_id          bigint      NOT NULL REFERENCES policy (id),
    bike_id            text        NOT NULL,
    owner_id           text        NOT NULL,
    owner_username     text,
    owner_name         text,
    owner_id_number    text,
    owner_phone        text,
    opened_by          text        NOT NULL,
    opened_at          timestamptz NOT NULL,
    -- theft
    theft_case_id      text,
    case_no            text,
    case_status        text,
    stolen_at          timestamptz,
    reported_at        timestamptz,
    confirmed_at       timestamptz,
    plate              text,
    frame_no           text,
    tag                text,
    purchase_date      date,
    waiting_end        date,
    bracket            int,
    age_years          int,
    payout_fen         bigint,
    papers_complete_on date,
    -- decision, rights transfer, recovery
    decision           text,
    decision_reason    text,
    decided_by         text,
    decided_at         timestamptz,
    rights_signed_at   timestamptz,
    rights_signed_by   text,
    recovered_at       timestamptz,
    recovery           text,
    -- liability
    occurred_at        timestamptz,
    place              text,
    notice             jsonb,
    assessment         jsonb,
    settlement         jsonb,
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX claim_owner ON claim (owner_id);
CREATE INDEX claim_owner_username ON claim (owner_username);
CREATE INDEX claim_status ON claim (status);
CREATE UNIQUE INDEX claim_theft_case ON claim (theft_case_id) WHERE theft_case_id IS NOT NULL;

CREATE TABLE claim_paper (
    claim_id     bigint      NOT NULL REFERENCES claim (id),
    paper        text        NOT NULL,
    received_on  date        NOT NULL,
    recorded_by  text        NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (claim_id, paper)
);

CREATE TABLE claim_signal (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_id   bigint      NOT NULL REFERENCES claim (id),
    code       text        NOT NULL,
    reason     text        NOT NULL,
    details    jsonb       NOT NULL DEFAULT '{}',
    raised_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX claim_signal_claim ON claim_signal (claim_id);

CREATE TABLE claim_evidence (
    claim_id     bigint      NOT NULL REFERENCES claim (id),
    kind         text        NOT NULL,
    data         jsonb       NOT NULL,
    captured_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (claim_id, kind)
);

CREATE TABLE claim_event (
    id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_id  bigint      NOT NULL REFERENCES claim (id),
    at        timestamptz NOT NULL DEFAULT now(),
    actor     text        NOT NULL,
    action    text        NOT NULL,
    details   jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX claim_event_claim ON claim_event (claim_id);

CREATE TABLE claim_notice (
    id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_id  bigint      NOT NULL REFERENCES claim (id),
    at        timestamptz NOT NULL DEFAULT now(),
    kind      text        NOT NULL,
    message   text        NOT NULL,
    details   jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX claim_notice_claim ON claim_notice (claim_id);

CREATE TABLE payment (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_id     bigint      NOT NULL REFERENCES claim (id),
    kind         text        NOT NULL CHECK (kind IN ('payout', 'refund')),
    amount_fen   bigint      NOT NULL,
    reference    text,
    paid_at      timestamptz NOT NULL,
    recorded_by  text        NOT NULL
);
CREATE INDEX payment_claim ON payment (claim_id);
CREATE INDEX payment_paid_at ON payment (paid_at);

CREATE TABLE attachment (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_id      bigint      NOT NULL REFERENCES claim (id),
    file_name     text        NOT NULL,
    content_type  text        NOT NULL,
    size_bytes    int         NOT NULL,
    content       bytea       NOT NULL,
    uploaded_by   text        NOT NULL,
    uploaded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachment_claim ON attachment (claim_id);

CREATE TABLE calendar_year (
    year       int         PRIMARY KEY,
    content    jsonb       NOT NULL,
    loaded_by  text        NOT NULL,
    loaded_at  timestamptz NOT NULL DEFAULT now()
);
