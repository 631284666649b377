CREATE TABLE test_effect (
    id         BIGSERIAL PRIMARY KEY,
    claim_id   VARCHAR(100) NOT NULL,
    what       VARCHAR(100) NOT NULL
);
