import CivilTime
import Foundation
import Postgres

/// The lists a leader acts on, as of the business time now, read from the open dossiers'
/// projection (`report_open`): the **overdue** dossiers (who holds each, how late, since when) and the
/// dossiers **at risk** (not overdue, clock running, with fewer working days left to the date
/// promised to the applicant, an apology slip's or else the law's, than their current step usually takes: the 75th percentile of that department's steps completed in the
/// ``lookbackDays`` before today). No personal data.
public struct SupervisionList: Sendable, Codable, Equatable {
    /// Which list.
    public enum Kind: String, Sendable, Codable {
        case overdue
        case atRisk = "at_risk"
    }

    /// One dossier of a list.
    public struct Line: Sendable, Codable, Equatable {
        public let dossierCode: String
        public let procedureCode: String
        /// The department that owns the procedure.
        public let department: String
        /// The department and officer holding its live step, or the state it waits in.
        public let holder: String
        public let state: String
        /// The appointment day the list judges by: the law's on the overdue list, the date
        /// promised to the applicant (an apology slip's, else the law's) on the at-risk list.
        public let dueDate: CalendarDate
        /// The apology slip's new date (Mẫu 04), when the dossier has one.
        public let promisedDate: CalendarDate?
        /// Overdue: the first day it was overdue (the day after the appointment day, or a second
        /// supplement request's day when earlier).
        public let overdueSince: CalendarDate?
        /// Overdue: working days past the appointment day, today not counted as worked yet.
        public let workingDaysLate: Int?
        /// At risk: working days left to the appointment day, today not counted.
        public let workingDaysLeft: Int?
        /// At risk: the usual duration (p75, working days) of a step at the holding department.
        public let usualStepDays: Int?
    }

    /// The working days of step history the usual durations come from.
    public static let lookbackDays = 90

    public let kind: Kind
    public let asOf: Date
    public let department: String?
    /// How many dossiers the list has in all; `lines` holds the first `limit`.
    public let total: Int
    public let lines: [Line]

    /// Reads the list, limited to dossiers of `department` (its procedures, or its live step).
    public static func read(_ kind: Kind, department: String? = nil, limit: Int = 50, on connection: Connection) async throws -> SupervisionList {
        try await connection.transaction(.repeatableRead, readOnly: true) { connection in
            try read(kind, department: department, limit: limit, on: connection)
        }
    }

    static func read(_ kind: Kind, department: String?, limit: Int, on connection: isolated Connection) throws -> SupervisionList {
        try ReportScope.require(department: department, procedure: nil, on: connection)
        let now = try DatabaseClock.now(on: connection)
        let rows: Rows
        switch kind {
        case .overdue: rows = try connection.query(overdueStatement, [department, limit])
        case .atRisk: rows = try connection.query(atRiskStatement, [department, limit, lookbackDays, VietnamTime.day(of: now)])
        }
        let lines = try rows.map { row in
            Line(
                dossierCode: try row.decode("code"), procedureCode: try row.decode("procedure_code"), department: try row.decode("department_code"),
                holder: try row.decode("holder"), state: try row.decode("state"), dueDate: try row.decode("due_day"),
                promisedDate: try row.decode("promised_day"), overdueSince: kind == .overdue ? try row.decode("overdue_since") : nil,
                workingDaysLate: kind == .overdue ? try row.decode("working_days_late") : nil,
                workingDaysLeft: kind == .atRisk ? try row.decode("working_days_left") : nil,
                usualStepDays: kind == .atRisk ? try row.decode("usual_days") : nil)
        }
        let total: Int = try rows.first?.decode("total") ?? 0
        return SupervisionList(kind: kind, asOf: now, department: department, total: total, lines: lines)
    }

    /// Dossier `r` belongs to department `$1` (NULL: all): its procedure's, or its live step's.
    private static let inDepartment = "($1::text IS NULL OR r.department_code = $1 OR r.step_department = $1)"

    /// `$1` department, `$2` how many: the overdue, the longest overdue first, read in the order
    /// of `report_open_due` and stopped at the limit; the total is a count of its own (a count
    /// over the listed rows' window would sort them all). The holder, the day it became overdue
    /// (the second supplement request's, from the log) and the working days late are read for
    /// the listed dossiers only.
    static let overdueStatement = """
        SELECT d.code, r.procedure_code, r.department_code, \(ReportSQL.holder) AS holder, d.state,
               vietnam_day(r.due_at) AS due_day, vietnam_day(r.promised_at) AS promised_day,
               least(vietnam_day(r.due_at) + 1,
                     (SELECT vietnam_day(e.at) FROM dossier_event e
                      WHERE e.dossier_id = r.dossier_id AND e.kind = 'supplement_requested' AND e.from_state IS NOT NULL
                      ORDER BY e.id OFFSET 1 LIMIT 1)) AS overdue_since,
               greatest(-\(ReportSQL.workingDaysFromToday(to: "vietnam_day(r.due_at)")), 0) AS working_days_late,
               (SELECT count(*) FROM report_open r WHERE \(ReportSQL.isOverdueNow("r")) AND \(inDepartment)) AS total
        FROM (SELECT r.* FROM report_open r
              WHERE \(ReportSQL.isOverdueNow("r")) AND \(inDepartment)
              ORDER BY r.due_at, r.dossier_id LIMIT $2) r
        JOIN dossier d ON d.id = r.dossier_id
        ORDER BY r.due_at, d.id
        """

    /// `$1` department, `$2` how many, `$3` days of history, `$4` today: the at-risk, the least
    /// time left first. A dossier held by a department has fewer working days left than that
    /// department's usual duration exactly when it is due before the department's `horizon`, the
    /// first day from today at least that many working days on (today itself when the usual
    /// duration is 0: then none is at risk). So the test is one comparison per open dossier due
    /// from now on, not a calendar lookup, and the working days left (which grow with the
    /// appointment, so that the list is in appointment order) are read for the listed dossiers
    /// only: 55–85 → 20–23 ms at 3M dossiers (10,528 candidates, 5,782 at risk).
    /// `usual` and `horizon` are materialised: the planner cannot estimate the open candidates
    /// (the bound is the clock's) and would otherwise recompute the percentiles, or look up the
    /// horizon day in the calendar, once per candidate. Today is a
    /// parameter, not the clock's subquery, so that `report_steps` is inlined (a function whose
    /// arguments hold a subquery is run as a function: all its rows, 50 ms at 1M dossiers).
    static let atRiskStatement = """
        WITH recent AS (
            SELECT department_code, working_days, sum(steps) AS n FROM report_steps($4::date - $3::int + 1, $4::date)
            GROUP BY department_code, working_days
        ), usual AS MATERIALIZED (
            SELECT DISTINCT ON (department_code) department_code, working_days AS p75
            FROM (SELECT department_code, working_days, sum(n) OVER (PARTITION BY department_code ORDER BY working_days) AS upto,
                         sum(n) OVER (PARTITION BY department_code) AS total
                  FROM recent) c
            WHERE upto >= 0.75 * total
            ORDER BY department_code, working_days
        ), today AS (
            SELECT ordinal FROM working_day WHERE day = $4::date
        ), horizon AS MATERIALIZED (
            SELECT u.department_code, u.p75,
                   coalesce((SELECT h.day::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' FROM working_day h
                             WHERE h.day >= $4::date AND h.ordinal >= t.ordinal + u.p75 ORDER BY h.day LIMIT 1), 'infinity') AS due_before
            FROM usual u CROSS JOIN today t
        ), risk AS (
            SELECT r.*, \(DossierStore.promisedOrDue("r")) AS promised, h.p75
            FROM horizon h JOIN report_open r ON r.step_department = h.department_code
                 AND \(DossierStore.promisedOrDue("r")) >= \(ReportSQL.now) AND \(DossierStore.promisedOrDue("r")) < h.due_before
            WHERE r.overdue_from IS NOT NULL AND r.supplements < 2 AND NOT \(ReportSQL.isPaused("r")) AND \(inDepartment)
        )
        SELECT d.code, r.procedure_code, r.department_code, \(ReportSQL.holder) AS holder, d.state,
               vietnam_day(r.promised) AS due_day, vietnam_day(r.promised_at) AS promised_day, w.ordinal - t.ordinal AS working_days_left,
               r.p75 AS usual_days, r.total
        FROM (SELECT risk.*, count(*) OVER () AS total FROM risk ORDER BY promised, dossier_id LIMIT $2) r
        JOIN dossier d ON d.id = r.dossier_id JOIN working_day w ON w.day = vietnam_day(r.promised) CROSS JOIN today t
        ORDER BY r.promised, d.id
        """
}
