-- Retention (com.cpor.platform.retention) and gauges that never scan the whole table.

-- When a timer stopped being pending (fired or cancelled): retention deletes finished timers after a while.
ALTER TABLE durable_timer ADD COLUMN finished_at TIMESTAMPTZ;
UPDATE durable_timer SET finished_at = coalesce(fired_at, created_at) WHERE state IN ('FIRED', 'CANCELLED');
CREATE INDEX durable_timer_finished ON durable_timer (finished_at) WHERE state IN ('FIRED', 'CANCELLED');
-- cpor.timers.failed counts this small set instead of every fired timer
CREATE INDEX durable_timer_failed ON durable_timer (due_at) WHERE state = 'FAILED';

-- Inbox retention deletes the oldest ids first.
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
