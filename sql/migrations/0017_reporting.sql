-- Leadership reports read rollups, never the whole history. Every event row is projected, by
-- the trigger at the end of this file, into the rollups in the same transaction that writes
-- it: no event can be lost or counted twice, whichever statement wrote it. `motcua report
-- verify` replays the event log alone and must find the same figures (docs/REPORTING.md).

-- The working calendar as a table, so SQL can count working days: `ordinal` is the number of
-- working days from the table's first day up to and including `day`. Working days from a day
-- A to a later day B, the day of A not counted, are ordinal(B) − ordinal(A). Written by the
-- application from its working calendar (statutory holidays are computed, decisions are in
-- calendar_override) after every migration and every calendar decision.
CREATE TABLE working_day (
    day      date PRIMARY KEY,
    working  boolean NOT NULL,
    ordinal  integer NOT NULL
);

-- Working days from `from_at`'s day to `to_at`'s (Vietnam time), the first day not counted;
-- NULL when a day lies outside the table.
CREATE FUNCTION working_days_between(from_at timestamptz, to_at timestamptz) RETURNS integer
    LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
BEGIN
    RETURN (SELECT t.ordinal - f.ordinal FROM working_day f, working_day t
            WHERE f.day = (from_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AND t.day = (to_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date);
END
$$;

-- The day of an instant in Vietnam.
CREATE FUNCTION vietnam_day(at timestamptz) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;

-- One row per dossier: what the reports need to know of it, as its events left it. Never
-- personal data. `overdue_from` is the day from which the dossier counts as overdue in
-- report_day.overdue_delta (NULL: not booked), see report_overdue_from().
CREATE TABLE report_dossier (
    dossier_id         bigint PRIMARY KEY REFERENCES dossier (id),
    procedure_code     text NOT NULL,
    procedure_version  integer NOT NULL,
    department_code    text NOT NULL,
    channel            text NOT NULL,
    limit_days         numeric NOT NULL,
    received_at        timestamptz,
    due_at             timestamptz,
    step_position      integer,
    step_department    text,
    step_since         timestamptz,
    supplements        integer NOT NULL DEFAULT 0,
    supplement_since   timestamptz,
    payment_since      timestamptz,
    excluded_since     timestamptz,
    paused_days        integer NOT NULL DEFAULT 0,
    over_allowance     text[] NOT NULL DEFAULT '{}',
    apologies          integer NOT NULL DEFAULT 0,
    overdue_from       date,
    ended_at           timestamptz,
    end_kind           text CHECK (end_kind IN ('resolved', 'refused', 'withdrawn', 'stopped')),
    outcome            text CHECK (outcome IN ('early', 'on_time', 'late'))
);
-- The open dossiers, which the supervision lists read.
CREATE INDEX report_dossier_open ON report_dossier (due_at) WHERE received_at IS NOT NULL AND ended_at IS NULL;

-- Counters per day (Vietnam), department (the procedure's owner) and procedure. Each figure of a
-- period is a sum over its days; `open_delta` (received − ended) and `overdue_delta` (became
-- overdue − stopped being) summed up to a day give the dossiers open and overdue at its end.
CREATE TABLE report_day (
    day                   date NOT NULL,
    department_code       text NOT NULL,
    procedure_code        text NOT NULL,
    received_desk         integer NOT NULL DEFAULT 0,
    received_online       integer NOT NULL DEFAULT 0,
    received_post         integer NOT NULL DEFAULT 0,
    refused_at_desk       integer NOT NULL DEFAULT 0,
    returned_incomplete   integer NOT NULL DEFAULT 0,
    resolved_early        integer NOT NULL DEFAULT 0,
    resolved_on_time      integer NOT NULL DEFAULT 0,
    resolved_late         integer NOT NULL DEFAULT 0,
    refused               integer NOT NULL DEFAULT 0,
    withdrawn             integer NOT NULL DEFAULT 0,
    stopped               integer NOT NULL DEFAULT 0,
    supplement_requests   integer NOT NULL DEFAULT 0,
    apologies             integer NOT NULL DEFAULT 0,
    processing_days       bigint NOT NULL DEFAULT 0,
    limit_days            numeric NOT NULL DEFAULT 0,
    payments              integer NOT NULL DEFAULT 0,
    payments_online       integer NOT NULL DEFAULT 0,
    results               integer NOT NULL DEFAULT 0,
    results_electronic    integer NOT NULL DEFAULT 0,
    evaluations           integer NOT NULL DEFAULT 0,
    evaluations_negative  integer NOT NULL DEFAULT 0,
    open_delta            integer NOT NULL DEFAULT 0,
    overdue_delta         integer NOT NULL DEFAULT 0,
    PRIMARY KEY (day, department_code, procedure_code)
);

-- Resolved dossiers per day of resolution by processing time (working days, pauses deducted):
-- the histogram the averages and percentiles come from.
CREATE TABLE report_duration (
    day              date NOT NULL,
    department_code  text NOT NULL,
    procedure_code   text NOT NULL,
    working_days     integer NOT NULL,
    dossiers         integer NOT NULL DEFAULT 0,
    PRIMARY KEY (day, department_code, procedure_code, working_days)
);

-- Steps completed per day, by the department that did them, the procedure and the working days
-- the step took (arrival to completion, the day of arrival not counted): each department's use
-- of its allowance, and the usual step durations the at-risk list compares with.
CREATE TABLE report_step_day (
    day              date NOT NULL,
    department_code  text NOT NULL,
    procedure_code   text NOT NULL,
    working_days     integer NOT NULL,
    steps            integer NOT NULL DEFAULT 0,
    over_allowance   integer NOT NULL DEFAULT 0,
    allowance_days   numeric NOT NULL DEFAULT 0,
    PRIMARY KEY (day, department_code, procedure_code, working_days)
);

-- Dossiers resolved late on a day in which a department's step went over its allowance: the
-- department that made them late (a dossier can name more than one).
CREATE TABLE report_late_cause (
    day              date NOT NULL,
    department_code  text NOT NULL,
    procedure_code   text NOT NULL,
    dossiers         integer NOT NULL DEFAULT 0,
    PRIMARY KEY (day, department_code, procedure_code)
);

-- Steps each officer completed per day.
CREATE TABLE report_officer_day (
    day              date NOT NULL,
    officer_code     text NOT NULL,
    department_code  text NOT NULL,
    steps            integer NOT NULL DEFAULT 0,
    PRIMARY KEY (day, officer_code, department_code)
);

-- The Decision 766/QĐ-TTg indicators MotCua computes, with their points and targets (data, not
-- code: the targets change with the ministry's guidance). `indicator` names a figure of the
-- period report; full points at or above the target, otherwise rate × points ÷ target.
CREATE TABLE index_indicator (
    group_code  text NOT NULL,
    group_name  text NOT NULL,
    group_points numeric NOT NULL,
    indicator   text NOT NULL,
    name        text NOT NULL,
    points      numeric NOT NULL CHECK (points > 0),
    target      numeric CHECK (target > 0 AND target <= 1),
    source      text NOT NULL,
    PRIMARY KEY (group_code, indicator)
);
INSERT INTO index_indicator VALUES
    ('transparency', 'Công khai, minh bạch', 18, 'not_computed', 'Công khai thủ tục, kết quả trên Cổng dịch vụ công', 18, NULL,
     'Quyết định 766/QĐ-TTg: dữ liệu công khai ngoài MotCua'),
    ('progress', 'Tiến độ giải quyết', 20, 'on_time_rate', 'Tỷ lệ hồ sơ giải quyết đúng hạn', 20, 1.0,
     'Quyết định 766/QĐ-TTg (verify: chỉ tiêu 100%)'),
    ('online_service', 'Dịch vụ công trực tuyến', 12, 'online_submission_share', 'Tỷ lệ hồ sơ nộp trực tuyến', 12, 0.5,
     'Quyết định 766/QĐ-TTg (mục tiêu 50%)'),
    ('online_payment', 'Thanh toán trực tuyến', 10, 'online_payment_share', 'Tỷ lệ thanh toán trực tuyến', 10, 0.5,
     'Quyết định 766/QĐ-TTg (verify: mục tiêu 50%)'),
    ('satisfaction', 'Mức độ hài lòng', 18, 'satisfaction', 'Mức độ hài lòng = 100% − (tỷ lệ trễ hạn + tỷ lệ phản ánh, không hài lòng)', 18, 0.9,
     'Quyết định 766/QĐ-TTg (mục tiêu 90%)'),
    ('digitisation', 'Số hóa hồ sơ', 22, 'electronic_result_share', 'Tỷ lệ trả kết quả điện tử', 22, 1.0,
     'Quyết định 766/QĐ-TTg (verify: chỉ tiêu 100%; số hóa thành phần hồ sơ ngoài MotCua)');

-- Adds deltas to a day's counters.
CREATE FUNCTION report_day_add(
    p_day date, p_department text, p_procedure text,
    received_desk integer DEFAULT 0, received_online integer DEFAULT 0, received_post integer DEFAULT 0,
    refused_at_desk integer DEFAULT 0, returned_incomplete integer DEFAULT 0,
    resolved_early integer DEFAULT 0, resolved_on_time integer DEFAULT 0, resolved_late integer DEFAULT 0,
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
    INSERT INTO report_day AS r VALUES (
        p_day, p_department, p_procedure, received_desk, received_online, received_post, refused_at_desk, returned_incomplete,
        resolved_early, resolved_on_time, resolved_late, refused, withdrawn, stopped, supplement_requests, apologies,
        processing_days, limit_days, payments, payments_online, results, results_electronic, evaluations, evaluations_negative,
        open_delta, overdue_delta)
    ON CONFLICT (day, department_code, procedure_code) DO UPDATE SET
        received_desk = r.received_desk + EXCLUDED.received_desk,
        received_online = r.received_online + EXCLUDED.received_online,
        received_post = r.received_post + EXCLUDED.received_post,
        refused_at_desk = r.refused_at_desk + EXCLUDED.refused_at_desk,
        returned_incomplete = r.returned_incomplete + EXCLUDED.returned_incomplete,
        resolved_early = r.resolved_early + EXCLUDED.resolved_early,
        resolved_on_time = r.resolved_on_time + EXCLUDED.resolved_on_time,
        resolved_late = r.resolved_late + EXCLUDED.resolved_late,
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

-- The day from which dossier `r` counts as overdue, before clamping to the day it is booked
-- on: none once ended or before receipt; at once after a second supplement request (the
-- national rule: late); none while a pause that began before the appointment moment lasts
-- (judged at the request: on time); otherwise the appointment day, at whose end it is overdue.
CREATE FUNCTION report_overdue_from(r report_dossier) RETURNS date
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
BEGIN
    RETURN CASE
        WHEN r.received_at IS NULL OR r.ended_at IS NOT NULL OR r.due_at IS NULL THEN NULL
        WHEN r.supplements >= 2 THEN DATE '-infinity'
        WHEN least(r.supplement_since, r.payment_since, r.excluded_since) <= r.due_at THEN NULL
        ELSE (r.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
    END;
END
$$;

-- Projects one event into report_dossier and the counters.
CREATE FUNCTION report_apply(e dossier_event) RETURNS void
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
    moved_due timestamptz := (e.details->>'due_at')::timestamptz;
BEGIN
    -- Events about the handling of work (assignment, supervision, retries) and consultations
    -- change no figure; they only wake the screens that show who holds what.
    IF e.kind IN ('assigned', 'released', 'retried', 'put_aside', 'step_failed', 'lease_expired', 'consulted', 'consultation_answered') THEN
        PERFORM pg_notify('motcua_report', '');
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

    IF e.kind = 'received' THEN
        r.received_at := coalesce((e.details->>'received_at')::timestamptz, e.at);
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
        r.due_at := coalesce(moved_due, r.due_at);
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
            r.paused_days := r.paused_days + coalesce(working_days_between(r.supplement_since, e.at), 0);
            r.supplement_since := NULL;
        WHEN 'payment_requested' THEN
            IF coalesce((e.details->>'pauses_clock')::boolean, false) THEN
                r.payment_since := coalesce(r.payment_since, e.at);
            END IF;
        WHEN 'payment_received' THEN
            r.paused_days := r.paused_days + coalesce(working_days_between(r.payment_since, e.at), 0);
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
                    r.paused_days := r.paused_days + coalesce(working_days_between(r.excluded_since, e.at), 0);
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
            IF e.to_state = 'resolved' THEN
                r.ended_at := e.at;
                r.end_kind := 'resolved';
                r.outcome := CASE WHEN r.supplements >= 2 OR e.at > r.due_at THEN 'late'
                                  WHEN event_day < vietnam_day(r.due_at) THEN 'early' ELSE 'on_time' END;
                processing := greatest(coalesce(working_days_between(r.received_at, e.at), 0) - r.paused_days, 0);
                PERFORM report_day_add(event_day, r.department_code, r.procedure_code,
                    resolved_early => (r.outcome = 'early')::int, resolved_on_time => (r.outcome = 'on_time')::int,
                    resolved_late => (r.outcome = 'late')::int, processing_days => processing, limit_days => r.limit_days,
                    open_delta => -1);
                INSERT INTO report_duration AS h VALUES (event_day, r.department_code, r.procedure_code, processing, 1)
                ON CONFLICT (day, department_code, procedure_code, working_days) DO UPDATE SET dossiers = h.dossiers + 1;
                IF r.outcome = 'late' THEN
                    INSERT INTO report_late_cause AS c
                    SELECT event_day, cause, r.procedure_code, 1 FROM unnest(r.over_allowance) AS cause
                    ON CONFLICT (day, department_code, procedure_code) DO UPDATE SET dossiers = c.dossiers + 1;
                END IF;
                r.step_department := NULL;
            ELSE
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
        received_at = r.received_at, due_at = r.due_at, step_position = r.step_position, step_department = r.step_department,
        step_since = r.step_since, supplements = r.supplements, supplement_since = r.supplement_since, payment_since = r.payment_since,
        excluded_since = r.excluded_since, paused_days = r.paused_days, over_allowance = r.over_allowance, apologies = r.apologies,
        overdue_from = r.overdue_from, ended_at = r.ended_at, end_kind = r.end_kind, outcome = r.outcome
    WHERE dossier_id = r.dossier_id;
    PERFORM pg_notify('motcua_report', '');
END
$$;

-- The projection runs for every event row, whichever statement wrote it.
CREATE FUNCTION report_apply_event() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM report_apply(NEW);
    RETURN NULL;
END
$$;
CREATE TRIGGER report_apply_event AFTER INSERT ON dossier_event FOR EACH ROW EXECUTE FUNCTION report_apply_event();

-- Events written before this migration are projected once, in order, by report_backfill(),
-- which the migrator calls after it has written the working days the projection counts with.
CREATE TABLE report_backfill (up_to bigint NOT NULL);
INSERT INTO report_backfill SELECT max(id) FROM dossier_event HAVING max(id) IS NOT NULL;

CREATE FUNCTION report_backfill() RETURNS void
    LANGUAGE plpgsql
AS $$
DECLARE
    e dossier_event;
BEGIN
    FOR e IN SELECT ev.* FROM dossier_event ev WHERE ev.id <= (SELECT max(up_to) FROM report_backfill) ORDER BY ev.id LOOP
        PERFORM report_apply(e);
    END LOOP;
    DELETE FROM report_backfill;
END
$$;

-- The role the reports run as (`SET ROLE`, by ReportAccess): it reads the rollups, the catalog,
-- the calendar, the event log and the few dossier columns the lists show, and nothing of
-- `applicant`: the reports cannot read a name, an ID number or a phone even by mistake.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'motcua_reporting') THEN
        CREATE ROLE motcua_reporting NOLOGIN;
    END IF;
END
$$;
GRANT SELECT ON report_dossier, report_day, report_duration, report_step_day, report_late_cause, report_officer_day, index_indicator,
    working_day, department, procedure, procedure_step, work_item, work_item_history, dossier_event, simulated_clock, calendar_override,
    schema_migration
    TO motcua_reporting;
GRANT SELECT (code, department_code, role, active) ON officer TO motcua_reporting;
GRANT SELECT (id, code, procedure_code, procedure_version, channel, state, received_at, due_at, due_date) ON dossier TO motcua_reporting;
