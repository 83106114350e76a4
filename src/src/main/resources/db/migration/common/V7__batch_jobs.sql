-- Batch jobs (JSR-352). Liberty keeps executions, steps and checkpoints in the JBATCH schema; these
-- tables hold what the jobs themselves need to survive restarts: the report of each job instance,
-- the episodes a backlog instance took on (with the queue job doing each), the feeds a refresh did.
-- No foreign keys to episode or job: a deleted episode must not erase what a report says about it.

CREATE TABLE batch_run (
    instance_id  BIGINT PRIMARY KEY,
    job_name     VARCHAR(100) NOT NULL,
    planned      INTEGER,
    message      VARCHAR(4000),
    report_json  ${text},
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- outcome: NULL while the episode is pending; transcribed, publisher, failed, or withdrawn (its
-- queued job was cancelled by a stop and is queued again on restart). created: the batch queued the
-- job itself (only those are withdrawn; a job someone else queued is left alone).
CREATE TABLE batch_item (
    instance_id    BIGINT NOT NULL,
    episode_id     BIGINT NOT NULL,
    job_id         BIGINT,
    job_type       VARCHAR(32) NOT NULL,
    created        BOOLEAN DEFAULT FALSE NOT NULL,
    outcome        VARCHAR(16),
    reason         VARCHAR(4000),
    audio_seconds  DOUBLE PRECISION,
    finished_at    TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (instance_id, episode_id)
);
CREATE INDEX ix_batch_item_outcome ON batch_item (instance_id, outcome);
CREATE INDEX ix_batch_item_job ON batch_item (job_id);

CREATE TABLE batch_feed (
    instance_id   BIGINT NOT NULL,
    feed_id       BIGINT NOT NULL,
    outcome       VARCHAR(16) NOT NULL,
    new_episodes  INTEGER DEFAULT 0 NOT NULL,
    error         VARCHAR(4000),
    finished_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (instance_id, feed_id)
);
