-- A notification is 'sending' between claiming it and recording the channel's answer, so a crash there is visible
-- and resolved on start (resent with the same idempotency key).
ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_status_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('pending', 'sending', 'sent', 'failed'));
CREATE INDEX notifications_by_status ON notifications (status);
