-- An e-mail or HTTP attempt is recorded before it is handed to the other side and completed with its outcome after
-- (issue 21): one left 'sending' by a node that died or stopped meanwhile is marked 'interrupted' by the next attempt —
-- its outcome is unknown, the receiver may have the message twice (same Message-ID / Idempotency-Key).
ALTER TABLE jobs.delivery_attempts ADD COLUMN outcome text, ADD COLUMN finished_at timestamptz;
UPDATE jobs.delivery_attempts SET outcome = CASE WHEN ok THEN 'sent' ELSE 'failed' END, finished_at = at;
ALTER TABLE jobs.delivery_attempts ALTER COLUMN outcome SET NOT NULL,
  ADD CONSTRAINT delivery_attempts_outcome_check CHECK (outcome IN ('sending', 'sent', 'failed', 'interrupted'));
CREATE INDEX delivery_attempts_interrupted ON jobs.delivery_attempts (tenant_id, delivery_id) WHERE outcome = 'interrupted';
