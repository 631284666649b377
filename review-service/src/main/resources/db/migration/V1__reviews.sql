-- One review per claim; its rounds (submission, resubmission, dispute) reuse the row.
CREATE TABLE review (
    claim_id                VARCHAR(100) PRIMARY KEY,
    status                  VARCHAR(30)  NOT NULL,
    -- mirror of claim-service's status, from ClaimStatusChanged
    claim_status            VARCHAR(30),
    round                   INT          NOT NULL,
    reviewer_id             VARCHAR(200),
    reviewer_name           VARCHAR(300),
    reviewer_email          VARCHAR(320),
    review_start_due_at     TIMESTAMPTZ,
    decision_due_at         TIMESTAMPTZ,
    partner_response_due_at TIMESTAMPTZ,
    dispute_review_due_at   TIMESTAMPTZ,
    -- the deadline of what the review waits for now: queue order and the "due before" filter
    next_due_at             TIMESTAMPTZ,
    competing_claim_ids     JSONB        NOT NULL DEFAULT '[]',
    -- the claim as last published by claim-service, for reviewers
    claim_snapshot          JSONB        NOT NULL,
    -- the latest outcome sent to claim-service; a refusal of it closes the review
    last_outcome_event_id   UUID,
    queued_at               TIMESTAMPTZ  NOT NULL,
    updated_at              TIMESTAMPTZ  NOT NULL
);
CREATE INDEX review_queue ON review (status, next_due_at);
CREATE INDEX review_assignee ON review (reviewer_id, status);

CREATE TABLE review_history (
    id         BIGSERIAL PRIMARY KEY,
    claim_id   VARCHAR(100) NOT NULL,
    at         TIMESTAMPTZ  NOT NULL,
    actor_id   VARCHAR(200),
    actor_name VARCHAR(300),
    actor_kind VARCHAR(20),
    action     VARCHAR(60)  NOT NULL,
    detail     TEXT
);
CREATE INDEX review_history_claim ON review_history (claim_id, id);

CREATE TABLE review_comment (
    comment_id  VARCHAR(100) PRIMARY KEY,
    claim_id    VARCHAR(100) NOT NULL,
    author_id   VARCHAR(200),
    author_name VARCHAR(300),
    author_kind VARCHAR(20),
    text        TEXT         NOT NULL,
    at          TIMESTAMPTZ  NOT NULL
);
CREATE INDEX review_comment_claim ON review_comment (claim_id, at);
