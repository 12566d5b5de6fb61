-- The supervision lists (overdue, at risk, officers' overdue) and the count of overdue now
-- read the open dossiers only: a few thousand rows among millions. In report_dossier their rows
-- lie scattered over the whole table (every event rewrites a dossier's row, and the new version
-- goes wherever there is room), so reading them visited nearly one page per dossier.
-- report_open holds the same columns the lists need, for the open dossiers only: a row comes
-- with the receipt and goes with the end, kept by a trigger on report_dossier in the same
-- transaction, so it stays small and dense and is read in a few pages.
CREATE TABLE report_open (
    dossier_id        bigint PRIMARY KEY REFERENCES dossier (id),
    procedure_code    text NOT NULL,
    department_code   text NOT NULL,
    received_at       timestamptz NOT NULL,
    due_at            timestamptz,
    step_department   text,
    supplements       integer NOT NULL,
    supplement_since  timestamptz,
    payment_since     timestamptz,
    excluded_since    timestamptz,
    overdue_from      date
);
CREATE INDEX report_open_due ON report_open (due_at);

INSERT INTO report_open
SELECT dossier_id, procedure_code, department_code, received_at, due_at, step_department, supplements, supplement_since, payment_since,
       excluded_since, overdue_from
FROM report_dossier WHERE received_at IS NOT NULL AND ended_at IS NULL;

-- report_dossier's own index of the open rows served the lists; report_open does now.
DROP INDEX report_dossier_open;

CREATE FUNCTION report_open_follow() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP <> 'DELETE' AND NEW.received_at IS NOT NULL AND NEW.ended_at IS NULL THEN
        INSERT INTO report_open AS o VALUES (
            NEW.dossier_id, NEW.procedure_code, NEW.department_code, NEW.received_at, NEW.due_at, NEW.step_department, NEW.supplements,
            NEW.supplement_since, NEW.payment_since, NEW.excluded_since, NEW.overdue_from)
        ON CONFLICT (dossier_id) DO UPDATE SET
            procedure_code = EXCLUDED.procedure_code, department_code = EXCLUDED.department_code, received_at = EXCLUDED.received_at,
            due_at = EXCLUDED.due_at, step_department = EXCLUDED.step_department, supplements = EXCLUDED.supplements,
            supplement_since = EXCLUDED.supplement_since, payment_since = EXCLUDED.payment_since,
            excluded_since = EXCLUDED.excluded_since, overdue_from = EXCLUDED.overdue_from;
    ELSIF TG_OP <> 'INSERT' THEN
        DELETE FROM report_open WHERE dossier_id = OLD.dossier_id;
    END IF;
    RETURN NULL;
END
$$;

-- Fires only when a column report_open holds changes (a step's progress alone does not).
CREATE TRIGGER report_open_insert AFTER INSERT ON report_dossier FOR EACH ROW
    WHEN (NEW.received_at IS NOT NULL AND NEW.ended_at IS NULL) EXECUTE FUNCTION report_open_follow();
CREATE TRIGGER report_open_update AFTER UPDATE ON report_dossier FOR EACH ROW
    WHEN ((OLD.procedure_code, OLD.department_code, OLD.received_at, OLD.due_at, OLD.step_department, OLD.supplements, OLD.supplement_since,
           OLD.payment_since, OLD.excluded_since, OLD.overdue_from, OLD.ended_at)
          IS DISTINCT FROM
          (NEW.procedure_code, NEW.department_code, NEW.received_at, NEW.due_at, NEW.step_department, NEW.supplements, NEW.supplement_since,
           NEW.payment_since, NEW.excluded_since, NEW.overdue_from, NEW.ended_at))
    EXECUTE FUNCTION report_open_follow();
CREATE TRIGGER report_open_delete AFTER DELETE ON report_dossier FOR EACH ROW EXECUTE FUNCTION report_open_follow();

GRANT SELECT ON report_open TO motcua_reporting;
