-- The window counts from the delivery of the customer's notice (docs/adr/001-consent-window-start.md): a window is
-- held (no timer) until notification-service reports the notice delivered on cpor.notifications.v1.
ALTER TABLE consent_window ADD COLUMN request_event_id UUID UNIQUE;
ALTER TABLE consent_window ADD COLUMN notice_delivered_at TIMESTAMPTZ;
-- Windows opened before this version never get a report (their notices were sent before reports existed) and
-- already have their timer: they count as delivered when they opened, exactly as they were running.
ALTER TABLE consent_window ADD COLUMN notice_status VARCHAR(20) NOT NULL DEFAULT 'DELIVERED'
    CHECK (notice_status IN ('AWAITING_DELIVERY', 'DELIVERED', 'FAILED'));
UPDATE consent_window SET notice_delivered_at = opened_at;
-- new windows always state their notice status
ALTER TABLE consent_window ALTER COLUMN notice_status DROP DEFAULT;
