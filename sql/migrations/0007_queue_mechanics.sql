-- Queue mechanics: retries with backoff up to a limit, then "needs attention" for supervisors;
-- officer assignment for review and signature steps; heartbeats; retention of finished items
-- in a history table so claims stay fast as history grows; per-worker counters for
-- `motcua queue stats`.

ALTER TABLE work_item DROP CONSTRAINT work_item_state_check;
ALTER TABLE work_item ADD CONSTRAINT work_item_state_check
    CHECK (state IN ('ready', 'claimed', 'assigned', 'needs_attention', 'completed'));
ALTER TABLE work_item
    ADD COLUMN max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts > 0),
    ADD COLUMN last_error text,
    ADD COLUMN heartbeat_at timestamptz,
    ADD COLUMN assigned_officer text REFERENCES officer (code),
    ADD COLUMN assigned_at timestamptz,
    ADD CHECK ((state = 'assigned') = (assigned_officer IS NOT NULL));
CREATE INDEX work_item_officer_load ON work_item (assigned_officer) WHERE state = 'assigned';
CREATE INDEX work_item_attention ON work_item (department_code) WHERE state = 'needs_attention';
CREATE INDEX work_item_completed ON work_item (completed_at) WHERE state = 'completed';

-- Completed items move here after the retention period; same columns, no hot indexes.
CREATE TABLE work_item_history (LIKE work_item INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE work_item_history ADD PRIMARY KEY (id);
CREATE INDEX work_item_history_dossier ON work_item_history (dossier_id);

-- What each worker process has done, flushed every few seconds (no personal data).
CREATE TABLE worker_stats (
    worker       text PRIMARY KEY,
    department   text NOT NULL REFERENCES department (code),
    started_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    claimed      bigint NOT NULL DEFAULT 0,
    completed    bigint NOT NULL DEFAULT 0,
    assigned     bigint NOT NULL DEFAULT 0,
    retried      bigint NOT NULL DEFAULT 0,
    rescued      bigint NOT NULL DEFAULT 0,
    released     bigint NOT NULL DEFAULT 0
);
