-- The partner directory (spec §8): partner organisations, maintained by staff through /api/v1/partners.
CREATE TABLE partner_organisation (
    partner_id  VARCHAR(64)  PRIMARY KEY,   -- the organisation's own partner ID (MPN)
    name        VARCHAR(200) NOT NULL,
    country     CHAR(2)      NOT NULL,      -- ISO 3166: the calendar of the partner's deadlines
    time_zone   VARCHAR(64)  NOT NULL,      -- IANA zone the partner's deadlines are counted and shown in
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    version     BIGINT       NOT NULL
);

-- Every ID a claim may name: the organisation's own partner ID and its further location IDs, each once.
CREATE TABLE partner_directory_id (
    partner_id      VARCHAR(64) PRIMARY KEY,
    organisation_id VARCHAR(64) NOT NULL REFERENCES partner_organisation (partner_id) ON DELETE CASCADE
);
CREATE INDEX partner_directory_id_organisation ON partner_directory_id (organisation_id);
