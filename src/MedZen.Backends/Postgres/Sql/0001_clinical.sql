-- The clinical database in the Supabase shape the seed's Lambdas read and write.
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    full_name TEXT NOT NULL,
    fcm_token TEXT,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE providers (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    full_name TEXT NOT NULL,
    specialty TEXT,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE patients (
    id TEXT PRIMARY KEY,
    user_id TEXT REFERENCES users(id),
    full_name TEXT NOT NULL,
    date_of_birth TEXT,
    sex TEXT,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE appointments (
    id TEXT PRIMARY KEY,
    patient_id TEXT NOT NULL REFERENCES patients(id),
    provider_id TEXT NOT NULL REFERENCES providers(id),
    scheduled_at TIMESTAMPTZ NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE video_call_sessions (
    id TEXT PRIMARY KEY,
    appointment_id TEXT NOT NULL REFERENCES appointments(id),
    provider_id TEXT NOT NULL REFERENCES providers(id),
    patient_id TEXT NOT NULL REFERENCES patients(id),
    status TEXT NOT NULL,
    transcription_enabled BOOLEAN NOT NULL,
    started_at TIMESTAMPTZ,
    ended_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE transcripts (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL UNIQUE REFERENCES video_call_sessions(id),
    language TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE transcript_segments (
    transcript_id TEXT NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
    sequence INTEGER NOT NULL,
    segment_id TEXT NOT NULL,
    speaker TEXT NOT NULL,
    start_ms BIGINT NOT NULL,
    end_ms BIGINT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (transcript_id, sequence)
);

CREATE TABLE soap_notes (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL UNIQUE REFERENCES video_call_sessions(id),
    appointment_id TEXT NOT NULL,
    provider_id TEXT NOT NULL,
    patient_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'signed')),
    version INTEGER NOT NULL,
    note_json TEXT NOT NULL,
    evidence_json TEXT,
    model_id TEXT,
    execution_name TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    signed_at TIMESTAMPTZ,
    signed_by TEXT
);

CREATE INDEX soap_notes_by_provider ON soap_notes (provider_id, created_at);

CREATE TABLE soap_note_versions (
    note_id TEXT NOT NULL REFERENCES soap_notes(id),
    version INTEGER NOT NULL,
    note_json TEXT NOT NULL,
    edited_by TEXT NOT NULL,
    edited_at TIMESTAMPTZ NOT NULL,
    reason TEXT,
    PRIMARY KEY (note_id, version)
);

CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    payload_json TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL,
    error TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    sent_at TIMESTAMPTZ
);

CREATE INDEX notifications_by_user ON notifications (user_id, created_at);

CREATE TABLE audit_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id TEXT NOT NULL,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    details_json TEXT,
    at TIMESTAMPTZ NOT NULL
);

CREATE INDEX audit_log_by_entity ON audit_log (entity_type, entity_id);

CREATE TABLE budget_ledger (
    entry_key TEXT PRIMARY KEY,
    budget_day TEXT NOT NULL,
    kind TEXT NOT NULL,
    amount_micro_usd BIGINT NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX budget_ledger_by_day ON budget_ledger (budget_day);
