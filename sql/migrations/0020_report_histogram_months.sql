-- A period's processing-time histogram (report_duration) and each department's use of its step
-- allowances (report_step_day) are sums over the period's days of rows keyed by working days
-- taken: day × department × procedure × working days. They fill as the province gets busier, so
-- summed day by day a year's index read a year of them (tens of thousands of rows at a million
-- dossiers, and more at three). Their month tables keep each month's sums, kept by triggers on
-- the day tables in the same transaction as every change; report_durations and report_steps
-- read a period as its whole months from the month tables and its first and last partial months
-- from the days, so a year reads about twelve months of rows and a few days.
CREATE TABLE report_duration_month (
    month            date NOT NULL,   -- the month's first day
    department_code  text NOT NULL,
    procedure_code   text NOT NULL,
    working_days     integer NOT NULL,
    dossiers         integer NOT NULL DEFAULT 0,
    PRIMARY KEY (month, department_code, procedure_code, working_days)
);

CREATE TABLE report_step_month (
    month            date NOT NULL,   -- the month's first day
    department_code  text NOT NULL,   -- the department that did the steps
    procedure_code   text NOT NULL,
    working_days     integer NOT NULL,
    steps            integer NOT NULL DEFAULT 0,
    over_allowance   integer NOT NULL DEFAULT 0,
    allowance_days   numeric NOT NULL DEFAULT 0,
    PRIMARY KEY (month, department_code, procedure_code, working_days)
);

INSERT INTO report_duration_month
SELECT date_trunc('month', day::timestamp)::date, department_code, procedure_code, working_days, sum(dossiers)
FROM report_duration GROUP BY 1, 2, 3, 4;

INSERT INTO report_step_month
SELECT date_trunc('month', day::timestamp)::date, department_code, procedure_code, working_days, sum(steps), sum(over_allowance),
       sum(allowance_days)
FROM report_step_day GROUP BY 1, 2, 3, 4;

-- Adds a day row's change to its month in one upsert, as report_month_follow does: the old row
-- taken away (none for an insert), the new row added (none for a delete).
CREATE FUNCTION report_duration_month_follow() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO report_duration_month AS m
    SELECT date_trunc('month', c.day::timestamp)::date, c.department_code, c.procedure_code, c.working_days, sum(c.dossiers)
    FROM (VALUES (OLD.day, OLD.department_code, OLD.procedure_code, OLD.working_days, -OLD.dossiers),
                 (NEW.day, NEW.department_code, NEW.procedure_code, NEW.working_days, NEW.dossiers))
         AS c (day, department_code, procedure_code, working_days, dossiers)
    WHERE c.day IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(c.dossiers) <> 0
    ON CONFLICT (month, department_code, procedure_code, working_days) DO UPDATE SET dossiers = m.dossiers + EXCLUDED.dossiers;
    RETURN NULL;
END
$$;

CREATE FUNCTION report_step_month_follow() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO report_step_month AS m
    SELECT date_trunc('month', c.day::timestamp)::date, c.department_code, c.procedure_code, c.working_days, sum(c.steps),
           sum(c.over_allowance), sum(c.allowance_days)
    FROM (VALUES (OLD.day, OLD.department_code, OLD.procedure_code, OLD.working_days, -OLD.steps, -OLD.over_allowance, -OLD.allowance_days),
                 (NEW.day, NEW.department_code, NEW.procedure_code, NEW.working_days, NEW.steps, NEW.over_allowance, NEW.allowance_days))
         AS c (day, department_code, procedure_code, working_days, steps, over_allowance, allowance_days)
    WHERE c.day IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(c.steps) <> 0 OR sum(c.over_allowance) <> 0 OR sum(c.allowance_days) <> 0
    ON CONFLICT (month, department_code, procedure_code, working_days) DO UPDATE SET
        steps = m.steps + EXCLUDED.steps, over_allowance = m.over_allowance + EXCLUDED.over_allowance,
        allowance_days = m.allowance_days + EXCLUDED.allowance_days;
    RETURN NULL;
END
$$;

CREATE TRIGGER report_duration_month_change AFTER INSERT OR UPDATE OR DELETE ON report_duration FOR EACH ROW
    EXECUTE FUNCTION report_duration_month_follow();
CREATE TRIGGER report_step_month_change AFTER INSERT OR UPDATE OR DELETE ON report_step_day FOR EACH ROW
    EXECUTE FUNCTION report_step_month_follow();

-- The first day of the first month that lies wholly at or after p_from, and the first day of
-- the month that p_to + 1 falls in: the whole months of [p_from, p_to] are those from the one
-- up to (not including) the other, when the one is not after the other.
CREATE FUNCTION report_months_from(p_from date) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (date_trunc('month', (p_from - 1)::timestamp) + interval '1 month')::date;
CREATE FUNCTION report_months_until(p_to date) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN date_trunc('month', (p_to + 1)::timestamp)::date;

-- The processing-time histogram rows of the days p_from to p_to: the days before the first
-- whole month, the whole months, the days after the last (all days when there is no whole month).
CREATE FUNCTION report_durations(p_from date, p_to date)
    RETURNS TABLE (department_code text, procedure_code text, working_days integer, dossiers integer)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT d.department_code, d.procedure_code, d.working_days, d.dossiers FROM report_duration d
    WHERE d.day >= p_from AND d.day < least(report_months_from(p_from), p_to + 1)
    UNION ALL
    SELECT m.department_code, m.procedure_code, m.working_days, m.dossiers FROM report_duration_month m
    WHERE m.month >= report_months_from(p_from) AND m.month < report_months_until(p_to)
    UNION ALL
    SELECT d.department_code, d.procedure_code, d.working_days, d.dossiers FROM report_duration d
    WHERE d.day >= greatest(report_months_until(p_to), report_months_from(p_from)) AND d.day <= p_to
$$;

-- The step rows of the days p_from to p_to, split as report_durations splits them.
CREATE FUNCTION report_steps(p_from date, p_to date)
    RETURNS TABLE (department_code text, procedure_code text, working_days integer, steps integer, over_allowance integer, allowance_days numeric)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT d.department_code, d.procedure_code, d.working_days, d.steps, d.over_allowance, d.allowance_days FROM report_step_day d
    WHERE d.day >= p_from AND d.day < least(report_months_from(p_from), p_to + 1)
    UNION ALL
    SELECT m.department_code, m.procedure_code, m.working_days, m.steps, m.over_allowance, m.allowance_days FROM report_step_month m
    WHERE m.month >= report_months_from(p_from) AND m.month < report_months_until(p_to)
    UNION ALL
    SELECT d.department_code, d.procedure_code, d.working_days, d.steps, d.over_allowance, d.allowance_days FROM report_step_day d
    WHERE d.day >= greatest(report_months_until(p_to), report_months_from(p_from)) AND d.day <= p_to
$$;

GRANT SELECT ON report_duration_month, report_step_month TO motcua_reporting;
