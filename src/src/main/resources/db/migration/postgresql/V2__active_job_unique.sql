-- at most one queued-or-running job of a type per episode
CREATE UNIQUE INDEX uq_job_active ON job (episode_id, job_type) WHERE status IN ('queued', 'running');
-- Liberty's batch job repository keeps its tables here
CREATE SCHEMA IF NOT EXISTS jbatch;
