-- The W3C trace context of the transaction that wrote the event, so the trace continues across the outbox.
ALTER TABLE outbox_event ADD COLUMN trace_parent VARCHAR(128);
