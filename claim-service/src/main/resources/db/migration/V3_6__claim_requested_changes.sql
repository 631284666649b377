-- What the reviewer asked of the partner in the open partner-action request (reasons, comment, products to remove).
ALTER TABLE claim ADD COLUMN requested_changes JSONB;
