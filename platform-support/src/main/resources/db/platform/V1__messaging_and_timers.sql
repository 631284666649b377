-- Platform tables every service has in its own database (history table: platform_schema_history).

-- Transactional outbox: rows are written with the state change and deleted once Kafka acknowledged them.
CREATE TABLE outbox_event (
    sequence_number BIGSERIAL PRIMARY KEY,
    event_id        UUID         NOT NULL UNIQUE,
    topic           VARCHAR(200) NOT NULL,
    message_key     VARCHAR(200) NOT NULL,
    event_type      VARCHAR(200) NOT NULL,
    payload         TEXT         NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Inbox: ids of consumed events, written in the transaction of their effect.
CREATE TABLE processed_event (
    consumer     VARCHAR(100) NOT NULL,
    event_id     UUID         NOT NULL,
    event_type   VARCHAR(200) NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- Durable timers: fired once across instances with FOR UPDATE SKIP LOCKED.
CREATE TABLE durable_timer (
    timer_id   VARCHAR(200) PRIMARY KEY,
    kind       VARCHAR(100) NOT NULL,
    claim_id   VARCHAR(100) NOT NULL,
    due_at     TIMESTAMPTZ  NOT NULL,
    payload    TEXT,
    state      VARCHAR(20)  NOT NULL DEFAULT 'PENDING'
        CHECK (state IN ('PENDING', 'FIRED', 'CANCELLED', 'FAILED')),
    attempts   INT          NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    fired_at   TIMESTAMPTZ
);
CREATE INDEX durable_timer_pending_due ON durable_timer (due_at) WHERE state = 'PENDING';
CREATE INDEX durable_timer_claim ON durable_timer (claim_id, kind);
