-- A desk that can be trusted: idempotency keys bound to what was submitted, a tracking secret
-- for every applicant, a limit on wrong tracking guesses, and a log of changes to reference
-- data (catalog versions retracted or backdated, calendar decisions set or removed).

-- The SHA-256 of the canonical submission a key was first used for: the same key with other
-- content is a conflict, never the first applicant's receipt.
ALTER TABLE dossier ADD COLUMN request_hash text;
-- The SHA-256 of the tracking secret printed on the receipt (the secret itself is never stored).
ALTER TABLE dossier ADD COLUMN tracking_secret_hash text;

-- Wrong tracking guesses per dossier (real time: they guard against real guessing). Five in an
-- hour and the dossier answers only to its receipt's secret until the hour has passed.
CREATE TABLE tracking_failure (
    dossier_id  bigint NOT NULL REFERENCES dossier (id),
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tracking_failure_dossier ON tracking_failure (dossier_id, at);

-- Who changed reference data, when and why: catalog versions retracted or taking effect in the
-- past, calendar decisions recorded or removed. Append-only, like dossier_event.
CREATE TABLE reference_event (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       timestamptz NOT NULL DEFAULT motcua_now(),
    kind     text NOT NULL CHECK (kind IN ('procedure_version_retracted', 'procedure_version_backdated',
                                          'calendar_decision_recorded', 'calendar_decision_removed')),
    subject  text NOT NULL CHECK (subject <> ''),
    actor    text NOT NULL CHECK (actor <> ''),
    reason   text NOT NULL CHECK (reason <> ''),
    details  jsonb NOT NULL DEFAULT '{}'
);
