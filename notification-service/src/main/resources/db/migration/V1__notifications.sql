-- Every e-mail the service is to send, one row per (triggering event, template, recipient).
-- The consumer inserts PENDING rows in the transaction that records the consumed event; the sender
-- delivers them over SMTP, marks them SENT, or FAILED after the last attempt (an operator can replay).
CREATE TABLE notification (
    notification_id UUID          PRIMARY KEY,
    claim_id        VARCHAR(100)  NOT NULL,
    event_id        UUID          NOT NULL,
    event_type      VARCHAR(200)  NOT NULL,
    template        VARCHAR(100)  NOT NULL,
    recipient       VARCHAR(320)  NOT NULL,
    recipient_name  VARCHAR(300),
    locale          VARCHAR(20)   NOT NULL,
    subject         TEXT          NOT NULL,
    text_body       TEXT          NOT NULL,
    html_body       TEXT          NOT NULL,
    status          VARCHAR(20)   NOT NULL DEFAULT 'PENDING'
        CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ   NOT NULL,
    last_error      TEXT,
    created_at      TIMESTAMPTZ   NOT NULL,
    sent_at         TIMESTAMPTZ,
    CONSTRAINT notification_once_per_event UNIQUE (event_id, template, recipient)
);
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_claim ON notification (claim_id, created_at);
CREATE INDEX notification_failed ON notification (created_at) WHERE status = 'FAILED';

-- The latest claim snapshot seen on cpor.claims.v1 (events without a snapshot, like reminders, need the
-- partner contact) and the reviewer assigned by cpor.reviews.v1 (partner comments go to them).
CREATE TABLE known_claim (
    claim_id         VARCHAR(100) PRIMARY KEY,
    snapshot_version BIGINT       NOT NULL,
    snapshot         TEXT         NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE assigned_reviewer (
    claim_id       VARCHAR(100) PRIMARY KEY,
    reviewer_id    VARCHAR(200) NOT NULL,
    reviewer_name  VARCHAR(300),
    reviewer_email VARCHAR(320),
    assigned_at    TIMESTAMPTZ  NOT NULL
);
