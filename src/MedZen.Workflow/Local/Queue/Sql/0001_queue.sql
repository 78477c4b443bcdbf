CREATE TABLE queue_messages (
    message_id TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    attributes_json TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    visible_at TEXT NOT NULL,
    receive_count INTEGER NOT NULL DEFAULT 0,
    receipt_handle TEXT,
    dead_lettered_at TEXT
);

CREATE INDEX queue_messages_visible ON queue_messages (dead_lettered_at, visible_at);
