-- The balances a report shows (open and overdue at a day's end, carried over into a period)
-- are running sums of report_day's two deltas over every day before. Summed from the days,
-- they read the whole of the history's days on every report; report_month keeps each month's
-- sum of the two deltas, so a balance reads the months before its day and the days of its own
-- month only (report_balance). A trigger on report_day keeps it, in the same transaction as
-- every change of a day's deltas, whoever writes the day.
CREATE TABLE report_month (
    month            date NOT NULL,   -- the month's first day
    department_code  text NOT NULL,
    procedure_code   text NOT NULL,
    open_delta       integer NOT NULL DEFAULT 0,
    overdue_delta    integer NOT NULL DEFAULT 0,
    PRIMARY KEY (month, department_code, procedure_code)
);

INSERT INTO report_month
SELECT date_trunc('month', day)::date, department_code, procedure_code, sum(open_delta), sum(overdue_delta)
FROM report_day GROUP BY 1, 2, 3;

-- Adds a day row's change of the two deltas to its month, in one upsert: the old row's deltas
-- taken away (none for an insert), the new row's added (none for a delete); an update in place,
-- the only kind the projection makes, adds the difference.
CREATE FUNCTION report_month_follow() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO report_month AS m
    SELECT date_trunc('month', c.day)::date, c.department_code, c.procedure_code, sum(c.open_delta), sum(c.overdue_delta)
    FROM (VALUES (OLD.day, OLD.department_code, OLD.procedure_code, -OLD.open_delta, -OLD.overdue_delta),
                 (NEW.day, NEW.department_code, NEW.procedure_code, NEW.open_delta, NEW.overdue_delta))
         AS c (day, department_code, procedure_code, open_delta, overdue_delta)
    WHERE c.day IS NOT NULL
    GROUP BY 1, 2, 3
    HAVING sum(c.open_delta) <> 0 OR sum(c.overdue_delta) <> 0
    ON CONFLICT (month, department_code, procedure_code) DO UPDATE SET
        open_delta = m.open_delta + EXCLUDED.open_delta, overdue_delta = m.overdue_delta + EXCLUDED.overdue_delta;
    RETURN NULL;
END
$$;

-- Only rows whose deltas change: most of a day's updates count something else.
CREATE TRIGGER report_month_insert AFTER INSERT ON report_day FOR EACH ROW
    WHEN (NEW.open_delta <> 0 OR NEW.overdue_delta <> 0) EXECUTE FUNCTION report_month_follow();
CREATE TRIGGER report_month_update AFTER UPDATE ON report_day FOR EACH ROW
    WHEN (NEW.open_delta <> OLD.open_delta OR NEW.overdue_delta <> OLD.overdue_delta OR NEW.day <> OLD.day
          OR NEW.department_code <> OLD.department_code OR NEW.procedure_code <> OLD.procedure_code)
    EXECUTE FUNCTION report_month_follow();
CREATE TRIGGER report_month_delete AFTER DELETE ON report_day FOR EACH ROW
    WHEN (OLD.open_delta <> 0 OR OLD.overdue_delta <> 0) EXECUTE FUNCTION report_month_follow();

-- The open and overdue balances per department and procedure at the start of day `p_day`
-- (the end of the day before): the months before its month, then its month's days before it.
CREATE FUNCTION report_balance(p_day date) RETURNS TABLE (department_code text, procedure_code text, open bigint, overdue bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT b.department_code, b.procedure_code, sum(b.open_delta)::bigint, sum(b.overdue_delta)::bigint
    FROM (SELECT m.department_code, m.procedure_code, m.open_delta, m.overdue_delta FROM report_month m
          WHERE m.month < date_trunc('month', p_day)::date
          UNION ALL
          SELECT d.department_code, d.procedure_code, d.open_delta, d.overdue_delta FROM report_day d
          WHERE d.day >= date_trunc('month', p_day)::date AND d.day < p_day) b
    GROUP BY b.department_code, b.procedure_code
$$;

GRANT SELECT ON report_month TO motcua_reporting;
