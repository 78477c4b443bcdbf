-- Transcripts are versioned: a replace adds the session's next version instead of overwriting the segments, and a note
-- records the version it was written from (its evidence ids, e.g. s5, resolve against that version).
ALTER TABLE transcripts ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE transcripts ALTER COLUMN version DROP DEFAULT;
ALTER TABLE transcripts DROP CONSTRAINT transcripts_session_id_key;
ALTER TABLE transcripts ADD CONSTRAINT transcripts_session_id_version_key UNIQUE (session_id, version);

-- Set when the note is written and never updated; notes written before versions existed cite version 1.
ALTER TABLE soap_notes ADD COLUMN transcript_id TEXT REFERENCES transcripts(id);
ALTER TABLE soap_notes ADD COLUMN transcript_version INTEGER;
UPDATE soap_notes n
   SET transcript_id = t.id, transcript_version = t.version
  FROM transcripts t
 WHERE t.session_id = n.session_id;
