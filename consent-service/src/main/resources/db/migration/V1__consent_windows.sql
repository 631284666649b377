-- One row per consent window (one per approval of a claim). The customer link is stored only as SHA-256.
CREATE TABLE consent_window (
    consent_id          VARCHAR(64)  PRIMARY KEY,
    claim_id            VARCHAR(100) NOT NULL,
    opened_by_event_id  UUID         NOT NULL UNIQUE,
    status              VARCHAR(20)  NOT NULL CHECK (status IN ('OPEN', 'DECLINED', 'ELAPSED', 'CLOSED')),
    token_sha256        CHAR(64)     NOT NULL UNIQUE,
    opened_at           TIMESTAMPTZ  NOT NULL,
    window_ends_at      TIMESTAMPTZ  NOT NULL,
    closed_at           TIMESTAMPTZ,
    claim_snapshot      TEXT         NOT NULL,
    declined_at         TIMESTAMPTZ,
    declined_by_name    VARCHAR(300),
    declined_by_email   VARCHAR(320),
    declined_from_ip    VARCHAR(64),
    declined_user_agent VARCHAR(512),
    CHECK (window_ends_at > opened_at)
);

-- a claim has at most one window a customer can act on
CREATE UNIQUE INDEX consent_window_one_open_per_claim ON consent_window (claim_id) WHERE status = 'OPEN';
CREATE INDEX consent_window_by_claim ON consent_window (claim_id, opened_at);
