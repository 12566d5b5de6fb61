-- The dossier state machine in the database: the same table as DossierTransitions.swift (a
-- test checks they agree), CHECK constraints on every stored state and event kind, and a
-- trigger that refuses any other change of a dossier's state, even one typed in psql.

CREATE TABLE dossier_transition (
    from_state  text,   -- NULL: the state a dossier can be recorded in
    to_state    text NOT NULL,
    UNIQUE NULLS NOT DISTINCT (from_state, to_state)
);
INSERT INTO dossier_transition (from_state, to_state) VALUES
    (NULL, 'submitted_online'),
    (NULL, 'received'),
    (NULL, 'routed'),
    (NULL, 'awaiting_supplement'),
    (NULL, 'refused'),
    ('submitted_online', 'received'),
    ('submitted_online', 'routed'),
    ('submitted_online', 'awaiting_supplement'),
    ('submitted_online', 'refused'),
    ('submitted_online', 'withdrawal_requested'),
    ('received', 'routed'),
    ('received', 'withdrawal_requested'),
    ('routed', 'assigned'),
    ('routed', 'resolved'),
    ('routed', 'stopped'),
    ('routed', 'withdrawal_requested'),
    ('assigned', 'routed'),
    ('assigned', 'in_review'),
    ('assigned', 'consulting'),
    ('assigned', 'awaiting_signature'),
    ('assigned', 'awaiting_supplement'),
    ('assigned', 'awaiting_payment'),
    ('assigned', 'resolved'),
    ('assigned', 'stopped'),
    ('assigned', 'withdrawal_requested'),
    ('in_review', 'routed'),
    ('in_review', 'assigned'),
    ('in_review', 'consulting'),
    ('in_review', 'awaiting_signature'),
    ('in_review', 'awaiting_supplement'),
    ('in_review', 'awaiting_payment'),
    ('in_review', 'resolved'),
    ('in_review', 'stopped'),
    ('in_review', 'withdrawal_requested'),
    ('consulting', 'routed'),
    ('consulting', 'assigned'),
    ('consulting', 'in_review'),
    ('consulting', 'stopped'),
    ('consulting', 'withdrawal_requested'),
    ('awaiting_signature', 'routed'),
    ('awaiting_signature', 'assigned'),
    ('awaiting_signature', 'resolved'),
    ('awaiting_signature', 'stopped'),
    ('awaiting_signature', 'withdrawal_requested'),
    ('awaiting_supplement', 'received'),
    ('awaiting_supplement', 'routed'),
    ('awaiting_supplement', 'supplement_received'),
    ('awaiting_supplement', 'refused'),
    ('awaiting_supplement', 'stopped'),
    ('awaiting_supplement', 'withdrawal_requested'),
    ('supplement_received', 'routed'),
    ('supplement_received', 'assigned'),
    ('supplement_received', 'in_review'),
    ('awaiting_payment', 'routed'),
    ('awaiting_payment', 'assigned'),
    ('awaiting_payment', 'in_review'),
    ('awaiting_payment', 'resolved'),
    ('awaiting_payment', 'stopped'),
    ('awaiting_payment', 'withdrawal_requested'),
    ('withdrawal_requested', 'stopped'),
    ('withdrawal_requested', 'returned'),
    ('resolved', 'returned');

ALTER TABLE dossier ADD CONSTRAINT dossier_state_check CHECK (state IN ('submitted_online', 'received', 'refused', 'routed', 'assigned', 'in_review', 'consulting', 'awaiting_signature', 'supplement_received', 'awaiting_supplement', 'awaiting_payment', 'withdrawal_requested', 'stopped', 'resolved', 'returned'));
ALTER TABLE dossier_event
    ADD CONSTRAINT dossier_event_kind_check CHECK (kind IN ('received', 'routed', 'supplement_requested', 'refused', 'step_completed', 'assigned', 'released', 'retried', 'put_aside', 'step_failed', 'lease_expired', 'resolved')),
    ADD CONSTRAINT dossier_event_from_state_check CHECK (from_state IN ('submitted_online', 'received', 'refused', 'routed', 'assigned', 'in_review', 'consulting', 'awaiting_signature', 'supplement_received', 'awaiting_supplement', 'awaiting_payment', 'withdrawal_requested', 'stopped', 'resolved', 'returned')),
    ADD CONSTRAINT dossier_event_to_state_check CHECK (to_state IN ('submitted_online', 'received', 'refused', 'routed', 'assigned', 'in_review', 'consulting', 'awaiting_signature', 'supplement_received', 'awaiting_supplement', 'awaiting_payment', 'withdrawal_requested', 'stopped', 'resolved', 'returned'));

-- A live dossier may stay in its state while its work moves (no change); any real change must
-- be a row of dossier_transition. The check runs once per statement over its transition tables
-- (a row trigger cost a third of a 50-row state update, measured with pgbench); a bad row fails
-- the whole statement. The error names the dossier by its code (no personal data), its state
-- and what it can become.
CREATE FUNCTION dossier_state_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad record;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT n.code, NULL::text AS previous, n.state INTO bad FROM new_rows n
        WHERE NOT EXISTS (SELECT 1 FROM dossier_transition t WHERE t.from_state IS NULL AND t.to_state = n.state)
        LIMIT 1;
    ELSE
        SELECT n.code, o.state AS previous, n.state INTO bad FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE o.state <> n.state
          AND NOT EXISTS (SELECT 1 FROM dossier_transition t WHERE t.from_state = o.state AND t.to_state = n.state)
        LIMIT 1;
    END IF;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'dossier % is % and cannot become %; from % it can become %; nothing was changed',
        bad.code, coalesce(bad.previous, 'not recorded'), bad.state, coalesce(bad.previous, 'not recorded'),
        coalesce((SELECT string_agg(t.to_state, ', ' ORDER BY t.to_state) FROM dossier_transition t
                  WHERE t.from_state IS NOT DISTINCT FROM bad.previous), 'nothing (the state is final)')
        USING ERRCODE = 'check_violation', CONSTRAINT = 'dossier_transition';
END
$$;

CREATE TRIGGER dossier_state_insert AFTER INSERT ON dossier REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION dossier_state_guard();
CREATE TRIGGER dossier_state_change AFTER UPDATE ON dossier REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION dossier_state_guard();
