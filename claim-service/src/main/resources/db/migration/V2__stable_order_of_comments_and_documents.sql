-- Comments and documents added in the same instant keep the order in which they were added.
ALTER TABLE claim_comment ADD COLUMN sequence_number BIGSERIAL;
ALTER TABLE claim_document ADD COLUMN sequence_number BIGSERIAL;
