-- The catalog in full: officers of each department, and everything a procedure version says
-- about deadlines, fees, online service, required documents and the route of its steps.
-- A procedure version is immutable once loaded; a changed definition becomes a new version,
-- recognised by definition_hash, and dossiers keep the version they were received under.

CREATE TABLE officer (
    code             text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    department_code  text NOT NULL REFERENCES department (code),
    display_name     text NOT NULL CHECK (display_name <> ''),
    role             text NOT NULL DEFAULT 'officer' CHECK (role IN ('officer', 'leader')),
    active           boolean NOT NULL DEFAULT true
);
CREATE INDEX officer_department ON officer (department_code) WHERE active;

ALTER TABLE department
    ADD COLUMN kind text NOT NULL DEFAULT 'department'
        CHECK (kind IN ('department', 'police', 'tax', 'social_insurance', 'board', 'post', 'center'));

ALTER TABLE procedure
    ADD COLUMN field text NOT NULL DEFAULT '',
    ADD COLUMN counting_convention text NOT NULL DEFAULT 'receipt_day_not_counted'
        CHECK (counting_convention IN ('receipt_day_not_counted', 'working_hours_from_receipt')),
    ADD COLUMN cutoff_applies boolean NOT NULL DEFAULT false,
    -- {"kind":"none"} | {"kind":"fixed","amount":8000} |
    -- {"kind":"per_page","first_pages":2,"first_page_amount":2000,"next_page_amount":1000,"cap":200000}
    ADD COLUMN fee jsonb NOT NULL DEFAULT '{"kind": "none"}',
    ADD COLUMN online_level text NOT NULL DEFAULT 'none' CHECK (online_level IN ('full', 'partial', 'none')),
    ADD COLUMN source_note text NOT NULL DEFAULT '',
    ADD COLUMN definition_hash text,
    ADD CHECK (effective_until IS NULL OR effective_until > effective_from);

-- The documents a dossier of the procedure must contain, checked at the desk.
CREATE TABLE procedure_document (
    procedure_code     text NOT NULL,
    procedure_version  integer NOT NULL,
    code               text NOT NULL CHECK (code ~ '^[a-z0-9_]{1,64}$'),
    name               text NOT NULL CHECK (name <> ''),
    copies             integer NOT NULL DEFAULT 1 CHECK (copies > 0),
    required           boolean NOT NULL DEFAULT true,
    PRIMARY KEY (procedure_code, procedure_version, code),
    FOREIGN KEY (procedure_code, procedure_version) REFERENCES procedure (code, version)
);

-- Each step's share of the procedure's limit (in the limit's unit), and whether the step's
-- time is excluded from the limit by law (tax assessment, public posting).
ALTER TABLE procedure_step
    ADD COLUMN allowance numeric CHECK (allowance IS NULL OR allowance >= 0),
    ADD COLUMN excluded_from_limit boolean NOT NULL DEFAULT false,
    ADD COLUMN description text NOT NULL DEFAULT '';
