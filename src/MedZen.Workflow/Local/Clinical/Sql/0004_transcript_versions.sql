-- Transcripts are versioned: a replace adds the session's next version instead of overwriting the segments, and a note
-- records the version it was written from (its evidence ids, e.g. s5, resolve against that version). SQLite cannot drop
-- the UNIQUE (session_id) in place: rebuild transcripts and their segments, child first, under the same names.
CREATE TABLE transcripts_versioned (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES video_call_sessions(id),
    version INTEGER NOT NULL CHECK (version >= 1),
    language TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (session_id, version)
);

INSERT INTO transcripts_versioned (id, session_id, version, language, created_at)
    SELECT id, session_id, 1, language, created_at FROM transcripts;

CREATE TABLE transcript_segments_versioned (
    transcript_id TEXT NOT NULL REFERENCES transcripts_versioned(id) ON DELETE CASCADE,
    sequence INTEGER NOT NULL,
    segment_id TEXT NOT NULL,
    speaker TEXT NOT NULL,
    start_ms INTEGER NOT NULL,
    end_ms INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (transcript_id, sequence)
);

INSERT INTO transcript_segments_versioned (transcript_id, sequence, segment_id, speaker, start_ms, end_ms, text)
    SELECT transcript_id, sequence, segment_id, speaker, start_ms, end_ms, text FROM transcript_segments;

DROP TABLE transcript_segments;
DROP TABLE transcripts;
ALTER TABLE transcripts_versioned RENAME TO transcripts;
ALTER TABLE transcript_segments_versioned RENAME TO transcript_segments;

-- Set when the note is written and never updated; notes written before versions existed cite version 1.
ALTER TABLE soap_notes ADD COLUMN transcript_id TEXT REFERENCES transcripts(id);
ALTER TABLE soap_notes ADD COLUMN transcript_version INTEGER;
UPDATE soap_notes
   SET transcript_id = (SELECT t.id FROM transcripts t WHERE t.session_id = soap_notes.session_id),
       transcript_version = (SELECT t.version FROM transcripts t WHERE t.session_id = soap_notes.session_id);
