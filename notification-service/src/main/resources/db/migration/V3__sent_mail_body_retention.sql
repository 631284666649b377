-- The sent log stays (who got which notice, for which event, when); the rendered bodies of sent mail are emptied
-- after cpor.retention.mail.bodies (see docs/runbook.md, Retention), and body_purged_at says when.
ALTER TABLE notification ADD COLUMN body_purged_at TIMESTAMPTZ;
CREATE INDEX notification_sent_body ON notification (sent_at) WHERE status = 'SENT' AND body_purged_at IS NULL;
