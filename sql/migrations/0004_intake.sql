-- Intake in full: applicants (personal data, kept apart from dossiers so reports never need
-- it), the documents handed in, the three desk outcomes, the appointment date, and the log of
-- who read personal data, when and why.

CREATE TABLE applicant (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind          text NOT NULL CHECK (kind IN ('person', 'organisation')),
    full_name     text NOT NULL CHECK (full_name <> ''),
    citizen_id    text CHECK (citizen_id ~ '^[0-9]{12}$'),
    tax_code      text CHECK (tax_code ~ '^[0-9]{10}([0-9]{3})?$'),
    phone         text CHECK (phone ~ '^0[0-9]{9}$'),
    email         text,
    address       text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (kind = 'organisation' OR citizen_id IS NOT NULL),
    CHECK (kind = 'person' OR tax_code IS NOT NULL)
);

-- A dossier is recorded at first submission; it is received (and its clock starts) only when
-- complete. received_at is therefore NULL while a desk supplement request or a refusal stands.
ALTER TABLE dossier
    ALTER COLUMN received_at DROP NOT NULL,
    ADD COLUMN submitted_at timestamptz,
    ADD COLUMN applicant_id bigint REFERENCES applicant (id),
    ADD COLUMN due_at timestamptz,
    ADD COLUMN due_date date,
    ADD COLUMN fee numeric NOT NULL DEFAULT 0 CHECK (fee >= 0),
    ADD COLUMN outcome_reason text,
    -- Codes of the documents handed in; their names and whether they are required come from
    -- the (immutable) procedure version, so a missing item is a required one not listed here.
    ADD COLUMN documents_provided text[] NOT NULL DEFAULT '{}';
UPDATE dossier SET submitted_at = received_at WHERE submitted_at IS NULL;
ALTER TABLE dossier ALTER COLUMN submitted_at SET NOT NULL;

-- Who read a dossier's personal data, when, and why (Decree 13/2023/NĐ-CP).
CREATE TABLE personal_data_access (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text NOT NULL CHECK (actor <> ''),
    purpose     text NOT NULL CHECK (purpose <> ''),
    command     text NOT NULL,
    dossier_id  bigint NOT NULL REFERENCES dossier (id)
);
CREATE INDEX personal_data_access_dossier ON personal_data_access (dossier_id, at);

-- Official decisions that override the computed holiday calendar: extra days off and make-up
-- working Saturdays, each with the document that decided it.
CREATE TABLE calendar_override (
    day         date PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('day_off', 'working_day')),
    reason      text NOT NULL CHECK (reason <> ''),
    document    text NOT NULL CHECK (document <> ''),
    created_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO calendar_override (day, kind, reason, document) VALUES
    (DATE '2025-05-02', 'day_off',     'Nghỉ hoán đổi, làm bù thứ Bảy 26/4/2025 (verify số văn bản)', 'Thông báo 6150/TB-BNV'),
    (DATE '2025-04-26', 'working_day', 'Làm bù cho ngày nghỉ thứ Sáu 2/5/2025 (verify số văn bản)', 'Thông báo 6150/TB-BNV'),
    (DATE '2026-08-31', 'day_off',     'Nghỉ hoán đổi, làm bù thứ Bảy 22/8/2026 (verify: số văn bản chưa ghi nhận)', 'Thông báo của Bộ Nội vụ về lịch nghỉ năm 2026'),
    (DATE '2026-08-22', 'working_day', 'Làm bù cho ngày nghỉ thứ Hai 31/8/2026 (verify: số văn bản chưa ghi nhận)', 'Thông báo của Bộ Nội vụ về lịch nghỉ năm 2026');
