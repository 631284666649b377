-- The review's version: +1 with every stored change. The API's ETag, which a reviewer's decision may send back as
-- If-Match to act only on the review they saw.
ALTER TABLE review ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
