-- Pod lifecycle: which provider made a pod, what it runs, when it got ready; health per node;
-- what each pod run did (jobs, audio) and why it ended, for cost per audio hour.
ALTER TABLE pod_setup_state ADD COLUMN provider VARCHAR(16) DEFAULT 'runpod' NOT NULL;
ALTER TABLE pod_setup_state ADD COLUMN ts_hostname VARCHAR(200);
ALTER TABLE pod_setup_state ADD COLUMN auto_scaled BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE pod_setup_state ADD COLUMN model VARCHAR(200);
ALTER TABLE pod_setup_state ADD COLUMN ready_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE pod_setup_state ADD COLUMN running_at TIMESTAMP WITH TIME ZONE;

ALTER TABLE pod_run ADD COLUMN audio_seconds DOUBLE PRECISION DEFAULT 0 NOT NULL;
ALTER TABLE pod_run ADD COLUMN end_reason VARCHAR(400);
ALTER TABLE pod_run ADD COLUMN provider VARCHAR(16) DEFAULT 'runpod' NOT NULL;
CREATE INDEX ix_pod_run_instance ON pod_run (instance_id);

ALTER TABLE transcriber_node ADD COLUMN health_status VARCHAR(8);
ALTER TABLE transcriber_node ADD COLUMN health_since TIMESTAMP WITH TIME ZONE;
ALTER TABLE transcriber_node ADD COLUMN health_detail VARCHAR(2000);
