-- The session records its latest SOAP-note execution's ARN when one starts (the first run, a retry, a restart), so
-- finding it is one read instead of describing soap-<id>, -r1, -r2… until one is missing. Sessions finalized before
-- this script have none; their first run is found by its name.
ALTER TABLE video_call_sessions ADD COLUMN latest_execution_arn TEXT;
