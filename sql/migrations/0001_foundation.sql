-- MotCua foundation: departments, procedures with their routes, dossiers, their event log,
-- the department work queue, and the daily dossier-code counter.
-- Every state change of a dossier is one transaction that writes the new state and an event.

CREATE TABLE department (
    code          text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    name          text NOT NULL CHECK (name <> ''),
    agency_eid    text NOT NULL CHECK (agency_eid ~ '^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}$'),
    valid_from    date NOT NULL DEFAULT DATE '2000-01-01',
    valid_until   date,
    succeeded_by  text REFERENCES department (code),
    CHECK (valid_until IS NULL OR valid_until > valid_from)
);

-- A procedure's version is fixed once a dossier uses it: changes create a new version.
CREATE TABLE procedure (
    code             text NOT NULL CHECK (code <> ''),
    version          integer NOT NULL CHECK (version > 0),
    name             text NOT NULL CHECK (name <> ''),
    department_code  text NOT NULL REFERENCES department (code),
    time_limit       integer NOT NULL CHECK (time_limit >= 0),
    time_limit_unit  text NOT NULL DEFAULT 'working_days'
                     CHECK (time_limit_unit IN ('working_days', 'working_hours', 'calendar_days')),
    effective_from   date NOT NULL,
    effective_until  date,
    PRIMARY KEY (code, version)
);

CREATE TABLE procedure_step (
    procedure_code     text NOT NULL,
    procedure_version  integer NOT NULL,
    position           integer NOT NULL CHECK (position > 0),
    department_code    text NOT NULL REFERENCES department (code),
    kind               text NOT NULL CHECK (kind IN ('automatic', 'review', 'signature')),
    PRIMARY KEY (procedure_code, procedure_version, position),
    FOREIGN KEY (procedure_code, procedure_version) REFERENCES procedure (code, version)
);

-- The next sequence number of dossier codes per agency and day. Incremented inside the
-- intake transaction, so a rolled-back intake gives its number back: no gaps, no duplicates.
CREATE TABLE dossier_code_counter (
    agency_eid   text NOT NULL,
    day          date NOT NULL,
    last_number  integer NOT NULL CHECK (last_number BETWEEN 1 AND 9999),
    PRIMARY KEY (agency_eid, day)
);

CREATE TABLE dossier (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code               text NOT NULL UNIQUE,
    procedure_code     text NOT NULL,
    procedure_version  integer NOT NULL,
    channel            text NOT NULL CHECK (channel IN ('desk', 'online', 'post')),
    state              text NOT NULL,
    current_step       integer,
    received_at        timestamptz NOT NULL,
    resolved_at        timestamptz,
    idempotency_key    text UNIQUE,
    FOREIGN KEY (procedure_code, procedure_version) REFERENCES procedure (code, version)
);

-- Append-only: one row for every state change, written in the same transaction.
CREATE TABLE dossier_event (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dossier_id       bigint NOT NULL REFERENCES dossier (id),
    at               timestamptz NOT NULL DEFAULT now(),
    kind             text NOT NULL,
    from_state       text,
    to_state         text NOT NULL,
    department_code  text REFERENCES department (code),
    actor            text NOT NULL,
    details          jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX dossier_event_dossier ON dossier_event (dossier_id, id);

-- One step of one dossier for one department. A claim is a lease: it bumps lease_token, and
-- every later write for that claim must match the token it got (a fencing token), so a worker
-- that lost its lease can change nothing.
CREATE TABLE work_item (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dossier_id        bigint NOT NULL REFERENCES dossier (id),
    step_position     integer NOT NULL,
    department_code   text NOT NULL REFERENCES department (code),
    kind              text NOT NULL CHECK (kind IN ('automatic', 'review', 'signature')),
    state             text NOT NULL DEFAULT 'ready' CHECK (state IN ('ready', 'claimed', 'completed')),
    priority          smallint NOT NULL DEFAULT 0,
    available_at      timestamptz NOT NULL DEFAULT now(),
    attempts          integer NOT NULL DEFAULT 0,
    lease_token       bigint NOT NULL DEFAULT 0,
    lease_expires_at  timestamptz,
    claimed_by        text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    completed_at      timestamptz,
    UNIQUE (dossier_id, step_position),
    CHECK ((state = 'claimed') = (lease_expires_at IS NOT NULL AND claimed_by IS NOT NULL))
);
-- What a claim scans: only ready items, in claim order.
CREATE INDEX work_item_ready ON work_item (department_code, priority DESC, available_at, id)
    WHERE state = 'ready';
