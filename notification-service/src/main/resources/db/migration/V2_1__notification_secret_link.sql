-- The customer's consent link is the customer's credential: it is stored only encrypted (AES-GCM, key shared with
-- consent-service, see docs/security.md), the bodies hold a placeholder, and the ciphertext is dropped once the mail
-- was accepted. Rows of earlier versions may still hold a link in their bodies: redact those that were sent.
ALTER TABLE notification ADD COLUMN secret_link_key_id VARCHAR(40);
ALTER TABLE notification ADD COLUMN secret_link_ciphertext TEXT;

UPDATE notification
SET text_body = regexp_replace(text_body, 'https?://[^\s"''<>]+/consent/[A-Za-z0-9._~%-]+', 'https://redacted.invalid/secret-link', 'g'),
    html_body = regexp_replace(html_body, 'https?://[^\s"''<>]+/consent/[A-Za-z0-9._~%-]+', 'https://redacted.invalid/secret-link', 'g')
WHERE template = 'customer-consent-request' AND status = 'SENT';
