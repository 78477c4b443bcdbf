-- Requests answered once under an Idempotency-Key (POST /v1/visits, finalize): replayed, never run twice.
CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response_json TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);

CREATE INDEX notifications_by_time ON notifications (created_at, id);
