/// The naive recomputations `motcua bench report` times the reports against: the same
/// questions answered straight from the event log, as one would without rollups (every event
/// grouped per dossier, then filtered). They read all of history by design.
enum ReportBenchmarkSQL {
    /// Each dossier as its events tell it: receipt, the last appointment moment an event gave,
    /// resolution, any other end, the officers' supplement requests, and its procedure's department.
    static let perDossier = """
        WITH d AS (
            SELECT e.dossier_id,
                   min(e.at) FILTER (WHERE e.kind = 'received') AS received_at,
                   (array_agg((e.details->>'due_at')::timestamptz ORDER BY e.id DESC) FILTER (WHERE e.details ? 'due_at'))[1] AS due_at,
                   min(e.at) FILTER (WHERE e.to_state = 'resolved') AS resolved_at,
                   min(e.at) FILTER (WHERE e.kind IN ('withdrawn', 'stopped') OR (e.kind = 'refused' AND e.from_state IS NOT NULL)) AS ended_at,
                   count(*) FILTER (WHERE e.kind = 'supplement_requested' AND e.from_state IS NOT NULL) AS supplements
            FROM dossier_event e GROUP BY e.dossier_id
        ), dossiers AS (
            SELECT d.*, p.department_code, x.procedure_code, coalesce(least(d.resolved_at, d.ended_at), 'infinity') AS end_at
            FROM d JOIN dossier x ON x.id = d.dossier_id JOIN procedure p ON p.code = x.procedure_code AND p.version = x.procedure_version
            WHERE d.received_at IS NOT NULL
        )
        """

    /// `$1` first moment, `$2` moment after the last, `$3` department, `$4` procedure: the period
    /// report per department and for the province.
    static let periodFigures =
        perDossier + """
            SELECT department_code,
                   count(*) FILTER (WHERE received_at < $1 AND end_at >= $1) AS carried_over,
                   count(*) FILTER (WHERE received_at >= $1 AND received_at < $2) AS new_received,
                   count(*) FILTER (WHERE resolved_at >= $1 AND resolved_at < $2) AS resolved,
                   count(*) FILTER (WHERE resolved_at >= $1 AND resolved_at < $2 AND (supplements >= 2 OR resolved_at > due_at)) AS late,
                   count(*) FILTER (WHERE received_at < $2 AND end_at >= $2) AS pending,
                   count(*) FILTER (WHERE received_at < $2 AND end_at >= $2 AND due_at < $2) AS overdue
            FROM dossiers
            WHERE ($3::text IS NULL OR department_code = $3) AND ($4::text IS NULL OR procedure_code = $4)
            GROUP BY ROLLUP (department_code)
            """

    /// `$1` now: the overdue dossiers, longest overdue first.
    static let overdue =
        perDossier + """
            SELECT dossier_id, due_at FROM dossiers WHERE end_at > $1 AND due_at < $1 ORDER BY due_at LIMIT 50
            """

    /// `$1` now: each step's duration from its events (arrival to completion), the 75th
    /// percentile per department over the last 90 days, and the open dossiers with less left.
    static let atRisk =
        perDossier + """
            , steps AS (
                SELECT e.department_code, e.at, e.at - lag(e.at) OVER (PARTITION BY e.dossier_id ORDER BY e.id) AS took
                FROM dossier_event e WHERE e.kind IN ('routed', 'step_completed')
            ), usual AS (
                SELECT department_code, percentile_cont(0.75) WITHIN GROUP (ORDER BY took) AS p75
                FROM steps WHERE took IS NOT NULL AND at > $1 - interval '90 days' GROUP BY department_code
            )
            SELECT d.dossier_id FROM dossiers d JOIN usual u ON u.department_code = d.department_code
            WHERE d.end_at > $1 AND d.due_at >= $1 AND d.due_at - $1 < u.p75 ORDER BY d.due_at LIMIT 50
            """

    /// `$1` first moment, `$2` moment after the last: steps each actor completed in the period.
    static let officers = """
        SELECT actor, count(*) AS completed FROM dossier_event
        WHERE kind = 'step_completed' AND at >= $1 AND at < $2 GROUP BY actor ORDER BY actor
        """

    /// `$1` first moment, `$2` moment after the last: new, resolved and late per week.
    static let trend =
        perDossier + """
            SELECT date_trunc('week', received_at) AS week, count(*) AS new_received,
                   count(*) FILTER (WHERE resolved_at IS NOT NULL) AS resolved,
                   count(*) FILTER (WHERE resolved_at > due_at OR supplements >= 2) AS late
            FROM dossiers WHERE received_at >= $1 AND received_at < $2 GROUP BY 1 ORDER BY 1
            """
}
