-- The overall decision target (§8): from submission to a decision, paused while the partner is asked to act.
-- decision_target_paused_at is set while paused; the resubmission moves the target on by the pause.
ALTER TABLE review ADD COLUMN decision_target_due_at TIMESTAMPTZ;
ALTER TABLE review ADD COLUMN decision_target_paused_at TIMESTAMPTZ;
