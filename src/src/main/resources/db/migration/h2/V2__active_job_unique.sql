-- at most one queued-or-running job of a type per episode (H2 has no partial index)
ALTER TABLE job ADD COLUMN active_type VARCHAR(32)
    GENERATED ALWAYS AS (CASE WHEN status IN ('queued', 'running') THEN job_type ELSE NULL END);
CREATE UNIQUE INDEX uq_job_active ON job (episode_id, active_type);
