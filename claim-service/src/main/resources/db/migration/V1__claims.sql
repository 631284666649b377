-- Claims: the columns lists and rules filter on, plus the partner's fields and platform state as JSON.
CREATE TABLE claim (
    claim_id            VARCHAR(64)  PRIMARY KEY,
    partner_id          VARCHAR(64)  NOT NULL,
    status              VARCHAR(32)  NOT NULL,
    solution_area       VARCHAR(32)  NOT NULL,
    activity            VARCHAR(32)  NOT NULL,
    customer_tenant_id  VARCHAR(36)  NOT NULL,
    name                VARCHAR(200) NOT NULL,
    customer_name       VARCHAR(200) NOT NULL,
    customer_domain     VARCHAR(200) NOT NULL,
    details             JSONB        NOT NULL,
    rejection           JSONB,
    deadlines           JSONB        NOT NULL,
    competing_claim_ids JSONB        NOT NULL,
    eligibility_sent_at TIMESTAMPTZ,
    dispute_count       INT          NOT NULL DEFAULT 0,
    submitted_at        TIMESTAMPTZ,
    approved_at         TIMESTAMPTZ,
    created_at          TIMESTAMPTZ  NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL,
    version             BIGINT       NOT NULL
);
CREATE INDEX claim_partner_status ON claim (partner_id, status);
CREATE INDEX claim_tenant ON claim (customer_tenant_id);

-- What exclusivity is judged on: a workload (Microsoft 365) or a product subscription (Business Applications).
CREATE TABLE claim_exclusivity_key (
    claim_id VARCHAR(64)  NOT NULL REFERENCES claim (claim_id) ON DELETE CASCADE,
    key      VARCHAR(200) NOT NULL,
    PRIMARY KEY (claim_id, key)
);
CREATE INDEX claim_exclusivity_key_key ON claim_exclusivity_key (key);

-- Proof-of-execution documents: every uploaded version is kept, with its checksum.
CREATE TABLE claim_document (
    document_id  VARCHAR(64)  PRIMARY KEY,
    claim_id     VARCHAR(64)  NOT NULL REFERENCES claim (claim_id) ON DELETE CASCADE,
    file_name    VARCHAR(255) NOT NULL,
    content_type VARCHAR(100) NOT NULL,
    size         BIGINT       NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    content      BYTEA        NOT NULL,
    uploaded_at  TIMESTAMPTZ  NOT NULL,
    uploaded_by  VARCHAR(200) NOT NULL
);
CREATE INDEX claim_document_claim ON claim_document (claim_id, uploaded_at);

CREATE TABLE claim_comment (
    comment_id  VARCHAR(64)  PRIMARY KEY,
    claim_id    VARCHAR(64)  NOT NULL REFERENCES claim (claim_id) ON DELETE CASCADE,
    author      JSONB        NOT NULL,
    text        TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX claim_comment_claim ON claim_comment (claim_id, created_at);

-- Append-only history: every change, comment, document, decision and system action.
CREATE TABLE claim_history (
    sequence_number BIGSERIAL    PRIMARY KEY,
    claim_id        VARCHAR(64)  NOT NULL REFERENCES claim (claim_id) ON DELETE CASCADE,
    at              TIMESTAMPTZ  NOT NULL,
    actor           JSONB        NOT NULL,
    kind            VARCHAR(50)  NOT NULL,
    summary         TEXT         NOT NULL,
    changes         JSONB,
    details         JSONB
);
CREATE INDEX claim_history_claim ON claim_history (claim_id, sequence_number);
