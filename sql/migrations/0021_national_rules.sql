-- The figures by the national rules in their edge cases (docs/REPORTING.md states each rule
-- with its source). The projection is redefined and rebuilt from the event log.
--
-- 1. An apology slip (Mẫu 04) does not make a late dossier on time. The law's appointment
--    (due_at, due_date) is the receipt's, moved only by the pauses the law deducts; the slip's
--    new date is the promise to the applicant (promised_at, promised_date), which tracking,
--    the inbox order and the at-risk list use. An `apologised` event carries `promised_at`;
--    an event that moves the dates carries the law's `due_at` and, once there is a promise,
--    `promised_at`. Events written before this migration carried the promise in `due_at`
--    (of the slip, and of any event after it): the projection reads them so.
-- 2. Processing time deducts the union of the pauses: a payment asked inside a step excluded
--    from the limit counts once (pause_since is when the current union of pauses began).
-- 3. A dossier is received (counted in received, carried over, pending) at its acceptance:
--    when the desk accepted it complete, or the next opening for an online submission outside
--    office hours (`received_at`, and the `received` event's `received_at`); its clock starts
--    at `clock_started_at` (the next working day's opening after the 15:00 cut-off, for the
--    procedures that apply it), from which the appointment and the processing time count.
--    Dossiers and events from before carry one moment, the start of the clock, for both.
-- 4. The projection rings no doorbell: a NOTIFY inside the transaction holds PostgreSQL's
--    notification lock through the commit's flush, so every event-writing transaction committed
--    one after another (the reason Doorbell rings after commit). `--watch` reads a watermark
--    (the newest event's ID) instead.

ALTER TABLE dossier ADD COLUMN promised_at timestamptz, ADD COLUMN promised_date date, ADD COLUMN clock_started_at timestamptz;
UPDATE dossier SET clock_started_at = received_at WHERE received_at IS NOT NULL;

-- Dossiers apologised before: the promise is what due_* held; the law's date is the one the
-- slip replaced (the pauses after the slip are not deducted from it again: docs/REPORTING.md).
UPDATE dossier d SET promised_at = d.due_at, promised_date = d.due_date,
       due_date = (e.details->>'previous_date')::date,
       due_at = ((e.details->>'previous_date')::date + time '17:00') AT TIME ZONE 'Asia/Ho_Chi_Minh'
FROM dossier_event e
WHERE e.dossier_id = d.id AND e.kind = 'apologised' AND NOT e.details ? 'promised_at' AND coalesce(e.details->>'previous_date', '') <> '';

ALTER TABLE report_dossier ADD COLUMN promised_at timestamptz, ADD COLUMN pause_since timestamptz, ADD COLUMN clock_started_at timestamptz;
ALTER TABLE report_open ADD COLUMN promised_at timestamptz;
CREATE INDEX report_open_promised ON report_open ((coalesce(promised_at, due_at)));
ALTER TABLE report_day
    ADD COLUMN resolved_late_apologised integer NOT NULL DEFAULT 0,
    ADD COLUMN resolved_late_past_promise integer NOT NULL DEFAULT 0;

DROP FUNCTION report_day_add(date, text, text, integer, integer, integer, integer, integer, integer, integer, integer, integer, integer,
    integer, integer, integer, integer, numeric, integer, integer, integer, integer, integer, integer, integer, integer);

-- Adds deltas to a day's counters.
CREATE FUNCTION report_day_add(
    p_day date, p_department text, p_procedure text,
    received_desk integer DEFAULT 0, received_online integer DEFAULT 0, received_post integer DEFAULT 0,
    refused_at_desk integer DEFAULT 0, returned_incomplete integer DEFAULT 0,
    resolved_early integer DEFAULT 0, resolved_on_time integer DEFAULT 0, resolved_late integer DEFAULT 0,
    resolved_late_apologised integer DEFAULT 0, resolved_late_past_promise integer DEFAULT 0,
    refused integer DEFAULT 0, withdrawn integer DEFAULT 0, stopped integer DEFAULT 0,
    supplement_requests integer DEFAULT 0, apologies integer DEFAULT 0,
    processing_days integer DEFAULT 0, limit_days numeric DEFAULT 0,
    payments integer DEFAULT 0, payments_online integer DEFAULT 0,
    results integer DEFAULT 0, results_electronic integer DEFAULT 0,
    evaluations integer DEFAULT 0, evaluations_negative integer DEFAULT 0,
    open_delta integer DEFAULT 0, overdue_delta integer DEFAULT 0) RETURNS void
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO report_day AS r (
        day, department_code, procedure_code, received_desk, received_online, received_post, refused_at_desk, returned_incomplete,
        resolved_early, resolved_on_time, resolved_late, resolved_late_apologised, resolved_late_past_promise, refused, withdrawn, stopped,
        supplement_requests, apologies, processing_days, limit_days, payments, payments_online, results, results_electronic, evaluations,
        evaluations_negative, open_delta, overdue_delta)
    VALUES (
        p_day, p_department, p_procedure, received_desk, received_online, received_post, refused_at_desk, returned_incomplete,
        resolved_early, resolved_on_time, resolved_late, resolved_late_apologised, resolved_late_past_promise, refused, withdrawn, stopped,
        supplement_requests, apologies, processing_days, limit_days, payments, payments_online, results, results_electronic, evaluations,
        evaluations_negative, open_delta, overdue_delta)
    ON CONFLICT (day, department_code, procedure_code) DO UPDATE SET
        received_desk = r.received_desk + EXCLUDED.received_desk,
        received_online = r.received_online + EXCLUDED.received_online,
        received_post = r.received_post + EXCLUDED.received_post,
        refused_at_desk = r.refused_at_desk + EXCLUDED.refused_at_desk,
        returned_incomplete = r.returned_incomplete + EXCLUDED.returned_incomplete,
        resolved_early = r.resolved_early + EXCLUDED.resolved_early,
        resolved_on_time = r.resolved_on_time + EXCLUDED.resolved_on_time,
        resolved_late = r.resolved_late + EXCLUDED.resolved_late,
        resolved_late_apologised = r.resolved_late_apologised + EXCLUDED.resolved_late_apologised,
        resolved_late_past_promise = r.resolved_late_past_promise + EXCLUDED.resolved_late_past_promise,
        refused = r.refused + EXCLUDED.refused,
        withdrawn = r.withdrawn + EXCLUDED.withdrawn,
        stopped = r.stopped + EXCLUDED.stopped,
        supplement_requests = r.supplement_requests + EXCLUDED.supplement_requests,
        apologies = r.apologies + EXCLUDED.apologies,
        processing_days = r.processing_days + EXCLUDED.processing_days,
        limit_days = r.limit_days + EXCLUDED.limit_days,
        payments = r.payments + EXCLUDED.payments,
        payments_online = r.payments_online + EXCLUDED.payments_online,
        results = r.results + EXCLUDED.results,
        results_electronic = r.results_electronic + EXCLUDED.results_electronic,
        evaluations = r.evaluations + EXCLUDED.evaluations,
        evaluations_negative = r.evaluations_negative + EXCLUDED.evaluations_negative,
        open_delta = r.open_delta + EXCLUDED.open_delta,
        overdue_delta = r.overdue_delta + EXCLUDED.overdue_delta;
END
$$;

-- Projects one event into report_dossier and the counters.
CREATE OR REPLACE FUNCTION report_apply(e dossier_event) RETURNS void
    LANGUAGE plpgsql
AS $$
DECLARE
    r report_dossier%ROWTYPE;
    event_day date := vietnam_day(e.at);
    step procedure_step%ROWTYPE;
    next_step procedure_step%ROWTYPE;
    used integer;
    processing integer;
    before date;
    after date;
    was_paused boolean;
    moved_due timestamptz := (e.details->>'due_at')::timestamptz;
    moved_promise timestamptz := (e.details->>'promised_at')::timestamptz;
BEGIN
    -- Events about the handling of work (assignment, supervision, retries) and consultations
    -- change no figure.
    IF e.kind IN ('assigned', 'released', 'retried', 'put_aside', 'step_failed', 'lease_expired', 'consulted', 'consultation_answered') THEN
        RETURN;
    END IF;
    SELECT * INTO r FROM report_dossier WHERE dossier_id = e.dossier_id FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO report_dossier (dossier_id, procedure_code, procedure_version, department_code, channel, limit_days)
        SELECT d.id, d.procedure_code, d.procedure_version, p.department_code, d.channel,
               CASE p.time_limit_unit WHEN 'working_hours' THEN p.time_limit / 8.0
                                      WHEN 'calendar_days' THEN p.time_limit * 5 / 7.0
                                      ELSE p.time_limit END
        FROM dossier d JOIN procedure p ON p.code = d.procedure_code AND p.version = d.procedure_version
        WHERE d.id = e.dossier_id
        RETURNING * INTO r;
    END IF;
    before := r.overdue_from;
    was_paused := least(r.supplement_since, r.payment_since, r.excluded_since) IS NOT NULL;

    IF e.kind = 'received' THEN
        r.received_at := coalesce((e.details->>'received_at')::timestamptz, e.at);
        r.clock_started_at := coalesce((e.details->>'clock_started_at')::timestamptz, r.received_at);
        r.due_at := coalesce(moved_due, (SELECT due_at FROM dossier WHERE id = e.dossier_id));
        PERFORM report_day_add(vietnam_day(r.received_at), r.department_code, r.procedure_code,
            received_desk => (r.channel = 'desk')::int, received_online => (r.channel = 'online')::int,
            received_post => (r.channel = 'post')::int, open_delta => 1);
    ELSIF r.received_at IS NULL THEN
        IF e.kind = 'refused' THEN
            PERFORM report_day_add(event_day, r.department_code, r.procedure_code, refused_at_desk => 1);
        ELSIF e.kind = 'supplement_requested' THEN
            PERFORM report_day_add(event_day, r.department_code, r.procedure_code, returned_incomplete => 1);
        END IF;
    ELSIF r.ended_at IS NOT NULL THEN
        IF e.kind = 'returned' AND e.from_state = 'resolved' THEN
            PERFORM report_day_add(event_day, r.department_code, r.procedure_code, results => 1,
                results_electronic => (e.details->>'by' = 'electronic')::int,
                evaluations => (e.details ? 'evaluation')::int,
                evaluations_negative => coalesce(e.details->>'evaluation' IN ('not_satisfied', 'complaint'), false)::int);
        END IF;
    ELSE
        -- The law's appointment and the promise: an apology slip, or an event after one written
        -- before migration 0021, carries the promise alone (in `due_at` for the old ones).
        IF e.kind = 'apologised' OR (r.promised_at IS NOT NULL AND moved_promise IS NULL AND moved_due IS NOT NULL) THEN
            r.promised_at := coalesce(moved_promise, moved_due, r.promised_at);
        ELSE
            r.due_at := coalesce(moved_due, r.due_at);
            r.promised_at := coalesce(moved_promise, r.promised_at);
        END IF;
        CASE e.kind
        WHEN 'routed' THEN
            SELECT * INTO next_step FROM route_next_step(r.procedure_code, r.procedure_version, 0);
            r.step_position := next_step.position;
            r.step_department := next_step.department_code;
            r.step_since := e.at;
            IF next_step.excluded_from_limit THEN r.excluded_since := e.at; END IF;
        WHEN 'supplement_requested' THEN
            r.supplements := r.supplements + 1;
            r.supplement_since := coalesce(r.supplement_since, e.at);
            PERFORM report_day_add(event_day, r.department_code, r.procedure_code, supplement_requests => 1);
        WHEN 'supplement_received' THEN
            r.supplement_since := NULL;
        WHEN 'payment_requested' THEN
            IF coalesce((e.details->>'pauses_clock')::boolean, false) THEN
                r.payment_since := coalesce(r.payment_since, e.at);
            END IF;
        WHEN 'payment_received' THEN
            r.payment_since := NULL;
            PERFORM report_day_add(event_day, r.department_code, r.procedure_code, payments => 1,
                payments_online => (e.details->>'channel' = 'online')::int);
        WHEN 'apologised' THEN
            r.apologies := r.apologies + 1;
            PERFORM report_day_add(event_day, r.department_code, r.procedure_code, apologies => 1);
        WHEN 'step_completed', 'resolved' THEN
            IF e.kind = 'step_completed' THEN
                SELECT * INTO step FROM procedure_step
                WHERE procedure_code = r.procedure_code AND procedure_version = r.procedure_version AND position = r.step_position;
                used := working_days_between(r.step_since, e.at);
                IF step.excluded_from_limit THEN
                    r.excluded_since := NULL;
                END IF;
                IF used IS NOT NULL THEN
                    INSERT INTO report_step_day AS s VALUES (
                        event_day, e.department_code, r.procedure_code, used, 1,
                        coalesce(NOT step.excluded_from_limit AND used > step.allowance, false)::int, coalesce(step.allowance, 0))
                    ON CONFLICT (day, department_code, procedure_code, working_days) DO UPDATE SET
                        steps = s.steps + 1, over_allowance = s.over_allowance + EXCLUDED.over_allowance,
                        allowance_days = s.allowance_days + EXCLUDED.allowance_days;
                    IF NOT step.excluded_from_limit AND used > step.allowance AND NOT e.department_code = ANY (r.over_allowance) THEN
                        r.over_allowance := r.over_allowance || e.department_code;
                    END IF;
                END IF;
                IF EXISTS (SELECT 1 FROM officer WHERE code = e.actor) THEN
                    INSERT INTO report_officer_day AS o VALUES (event_day, e.actor, e.department_code, 1)
                    ON CONFLICT (day, officer_code, department_code) DO UPDATE SET steps = o.steps + 1;
                END IF;
            END IF;
            IF e.to_state <> 'resolved' THEN
                SELECT * INTO next_step FROM route_next_step(r.procedure_code, r.procedure_version, r.step_position);
                r.step_position := next_step.position;
                r.step_department := next_step.department_code;
                r.step_since := e.at;
                IF next_step.excluded_from_limit THEN r.excluded_since := e.at; END IF;
            END IF;
        WHEN 'refused', 'withdrawn', 'stopped' THEN
            r.ended_at := e.at;
            r.end_kind := e.kind;
            r.step_department := NULL;
            PERFORM report_day_add(event_day, r.department_code, r.procedure_code,
                refused => (e.kind = 'refused')::int, withdrawn => (e.kind = 'withdrawn')::int,
                stopped => (e.kind = 'stopped')::int, open_delta => -1);
        ELSE
            NULL;
        END CASE;

        -- The union of the pauses: it begins when the first pause opens while none is open,
        -- and its working days are deducted when the last one open closes.
        IF NOT was_paused AND least(r.supplement_since, r.payment_since, r.excluded_since) IS NOT NULL THEN
            r.pause_since := e.at;
        ELSIF was_paused AND least(r.supplement_since, r.payment_since, r.excluded_since) IS NULL THEN
            r.paused_days := r.paused_days + coalesce(working_days_between(r.pause_since, e.at), 0);
            r.pause_since := NULL;
        END IF;

        IF e.to_state = 'resolved' AND e.kind IN ('step_completed', 'resolved') THEN
            r.ended_at := e.at;
            r.end_kind := 'resolved';
            r.outcome := CASE WHEN r.supplements >= 2 OR e.at > r.due_at THEN 'late'
                              WHEN event_day < vietnam_day(r.due_at) THEN 'early' ELSE 'on_time' END;
            processing := greatest(coalesce(working_days_between(r.clock_started_at, e.at), 0) - r.paused_days, 0);
            PERFORM report_day_add(event_day, r.department_code, r.procedure_code,
                resolved_early => (r.outcome = 'early')::int, resolved_on_time => (r.outcome = 'on_time')::int,
                resolved_late => (r.outcome = 'late')::int,
                resolved_late_apologised => (r.outcome = 'late' AND r.promised_at IS NOT NULL)::int,
                resolved_late_past_promise => coalesce(r.outcome = 'late' AND e.at > r.promised_at, false)::int,
                processing_days => processing, limit_days => r.limit_days, open_delta => -1);
            INSERT INTO report_duration AS h VALUES (event_day, r.department_code, r.procedure_code, processing, 1)
            ON CONFLICT (day, department_code, procedure_code, working_days) DO UPDATE SET dossiers = h.dossiers + 1;
            IF r.outcome = 'late' THEN
                INSERT INTO report_late_cause AS c
                SELECT event_day, cause, r.procedure_code, 1 FROM unnest(r.over_allowance) AS cause
                ON CONFLICT (day, department_code, procedure_code) DO UPDATE SET dossiers = c.dossiers + 1;
            END IF;
            r.step_department := NULL;
        END IF;
    END IF;

    -- The overdue booking, never rewriting a day before the event's: a booking that had begun
    -- ends on the event's day; one still to come is taken back; the new one starts no earlier.
    after := report_overdue_from(r);
    IF before IS DISTINCT FROM after AND NOT coalesce(before <= event_day AND after <= event_day, false) THEN
        IF before IS NOT NULL THEN
            PERFORM report_day_add(greatest(before, event_day), r.department_code, r.procedure_code, overdue_delta => -1);
        END IF;
        IF after IS NOT NULL THEN
            after := greatest(after, event_day);
            PERFORM report_day_add(after, r.department_code, r.procedure_code, overdue_delta => 1);
        END IF;
        r.overdue_from := after;
    END IF;

    UPDATE report_dossier SET
        received_at = r.received_at, due_at = r.due_at, promised_at = r.promised_at, step_position = r.step_position,
        step_department = r.step_department, step_since = r.step_since, supplements = r.supplements, supplement_since = r.supplement_since,
        payment_since = r.payment_since, excluded_since = r.excluded_since, pause_since = r.pause_since, paused_days = r.paused_days,
        clock_started_at = r.clock_started_at,
        over_allowance = r.over_allowance, apologies = r.apologies, overdue_from = r.overdue_from, ended_at = r.ended_at,
        end_kind = r.end_kind, outcome = r.outcome
    WHERE dossier_id = r.dossier_id;
END
$$;

-- report_open follows report_dossier, the promise included.
CREATE OR REPLACE FUNCTION report_open_follow() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP <> 'DELETE' AND NEW.received_at IS NOT NULL AND NEW.ended_at IS NULL THEN
        INSERT INTO report_open AS o (
            dossier_id, procedure_code, department_code, received_at, due_at, step_department, supplements, supplement_since, payment_since,
            excluded_since, overdue_from, promised_at)
        VALUES (
            NEW.dossier_id, NEW.procedure_code, NEW.department_code, NEW.received_at, NEW.due_at, NEW.step_department, NEW.supplements,
            NEW.supplement_since, NEW.payment_since, NEW.excluded_since, NEW.overdue_from, NEW.promised_at)
        ON CONFLICT (dossier_id) DO UPDATE SET
            procedure_code = EXCLUDED.procedure_code, department_code = EXCLUDED.department_code, received_at = EXCLUDED.received_at,
            due_at = EXCLUDED.due_at, step_department = EXCLUDED.step_department, supplements = EXCLUDED.supplements,
            supplement_since = EXCLUDED.supplement_since, payment_since = EXCLUDED.payment_since,
            excluded_since = EXCLUDED.excluded_since, overdue_from = EXCLUDED.overdue_from, promised_at = EXCLUDED.promised_at;
    ELSIF TG_OP <> 'INSERT' THEN
        DELETE FROM report_open WHERE dossier_id = OLD.dossier_id;
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER report_open_update ON report_dossier;
CREATE TRIGGER report_open_update AFTER UPDATE ON report_dossier FOR EACH ROW
    WHEN ((OLD.procedure_code, OLD.department_code, OLD.received_at, OLD.due_at, OLD.step_department, OLD.supplements, OLD.supplement_since,
           OLD.payment_since, OLD.excluded_since, OLD.overdue_from, OLD.ended_at, OLD.promised_at)
          IS DISTINCT FROM
          (NEW.procedure_code, NEW.department_code, NEW.received_at, NEW.due_at, NEW.step_department, NEW.supplements, NEW.supplement_since,
           NEW.payment_since, NEW.excluded_since, NEW.overdue_from, NEW.ended_at, NEW.promised_at))
    EXECUTE FUNCTION report_open_follow();

GRANT SELECT (promised_at, promised_date, clock_started_at) ON dossier TO motcua_reporting;

-- The rollups are rebuilt from the event log under the rules above: emptied here, and every
-- event projected again, in order, by report_backfill() after the migration.
TRUNCATE report_open, report_dossier, report_day, report_month, report_duration, report_duration_month, report_step_day, report_step_month,
    report_late_cause, report_officer_day;
INSERT INTO report_backfill SELECT max(id) FROM dossier_event HAVING max(id) IS NOT NULL;
