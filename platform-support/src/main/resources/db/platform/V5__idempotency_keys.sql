-- Idempotency-Key on POST (IdempotencyFilter): the first answer per caller and key, replayed to retries.
-- status is null while the first request runs; rows older than cpor.idempotency.retention are purged.
CREATE TABLE idempotency_key (
    caller          VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash    CHAR(64)     NOT NULL,
    status          INT,
    content_type    VARCHAR(255),
    location        TEXT,
    etag            VARCHAR(255),
    body            BYTEA,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, idempotency_key)
);

CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
