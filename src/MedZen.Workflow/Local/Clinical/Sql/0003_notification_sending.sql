-- A notification is 'sending' between claiming it and recording the channel's answer, so a crash there is visible
-- and resolved on start (resent with the same idempotency key). SQLite cannot change a CHECK in place: rebuild.
CREATE TABLE notifications_with_sending (
    id TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    payload_json TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL,
    error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
);

INSERT INTO notifications_with_sending SELECT id, idempotency_key, user_id, channel, kind, title, body, payload_json, status, attempts, error, created_at, sent_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_with_sending RENAME TO notifications;
CREATE INDEX notifications_by_user ON notifications (user_id, created_at);
CREATE INDEX notifications_by_status ON notifications (status);
