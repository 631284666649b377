-- Outbox rows the broker refused for good (too large, not serializable, invalid topic) are parked with the reason
-- instead of blocking the relay; later rows of the same topic and key wait behind them (a claim's events stay in
-- order). Replay after a fix: UPDATE outbox_event SET parked_at = NULL, parked_reason = NULL WHERE ... (runbook).
ALTER TABLE outbox_event ADD COLUMN parked_at TIMESTAMPTZ;
ALTER TABLE outbox_event ADD COLUMN parked_reason TEXT;
CREATE INDEX outbox_event_parked ON outbox_event (topic, message_key, sequence_number) WHERE parked_at IS NOT NULL;
