import CivilTime
import Foundation
import Postgres

/// The period report for the province, each department and each procedure, with each
/// department's use of its step allowances (which department made a liên thông dossier late):
/// sums of the daily rollups over the period's days, never a scan of the history.
///
/// Pending at the end of a period that has ended is as of the end of its last day; for the
/// period in progress, as of the business time now.
public struct PeriodReport: Sendable, Codable, Equatable {
    /// One group's figures: the province (neither code), a department, or one of its procedures.
    public struct Line: Sendable, Codable, Equatable {
        public let department: String?
        public let procedure: String?
        public let name: String
        public let figures: PeriodFigures
    }

    /// One department's steps completed in the period, against their allowance.
    public struct AllowanceLine: Sendable, Codable, Equatable {
        public let department: String
        public let steps: Int
        public let overAllowance: Int
        /// Working days a step took on average (arrival to completion, arrival day not counted).
        public let averageDaysUsed: Double?
        /// The average allowance of those steps.
        public let averageAllowance: Double?
        /// Dossiers resolved late in the period in which this department's step went over its allowance.
        public let madeLate: Int
    }

    /// The live steps a department holds as the report is read: of the scope's open dossiers,
    /// those whose current step is the department's, and of them the overdue (a liên thông
    /// department such as the tax office owns no procedure, and its work shows here).
    public struct HoldingLine: Sendable, Codable, Equatable {
        public let department: String
        public let held: Int
        public let overdue: Int
    }

    public let period: ReportPeriod
    /// The business time the report was read at.
    public let asOf: Date
    /// The department or procedure the report is limited to, if any.
    public let department: String?
    public let procedure: String?
    /// The report's whole scope: the province ("Toàn tỉnh"), or the dossiers of the department's
    /// procedures, or of the procedure.
    public let total: Line
    /// By department code.
    public let departments: [Line]
    /// By department, then procedure code.
    public let procedures: [Line]
    public let allowances: [AllowanceLine]
    /// The live steps held now, by department (for a department's report, its own).
    public let holding: [HoldingLine]

    /// Reads the report of `period`, limited to a department or a procedure when given.
    public static func read(period: ReportPeriod, department: String? = nil, procedure: String? = nil, on connection: Connection) async throws
        -> PeriodReport
    {
        try await connection.transaction(.repeatableRead, readOnly: true) { connection in
            try read(period: period, department: department, procedure: procedure, on: connection)
        }
    }

    static func read(period: ReportPeriod, department: String?, procedure: String?, on connection: isolated Connection) throws -> PeriodReport {
        try ReportScope.require(department: department, procedure: procedure, on: connection)
        let now = try DatabaseClock.now(on: connection)
        let names = try ReportScope.names(on: connection)
        let parameters: [any PostgresEncodable & Sendable] = [period.from, period.to, department, procedure]
        var counters: [GroupKey: PeriodCounters] = [:]
        for row in try connection.query(countersStatement, parameters) {
            counters[try GroupKey(row: row)] = try PeriodCounters(row: row)
        }
        if period.to >= VietnamTime.day(of: now) {
            for key in counters.keys { counters[key]!.overdueAtEnd = 0 }
            for row in try connection.query(overdueNowStatement, [department, procedure]) {
                counters[try GroupKey(row: row), default: PeriodCounters()].overdueAtEnd = try row.decode("overdue")
            }
        }
        for row in try connection.query(durationsStatement, parameters) {
            counters[try GroupKey(row: row), default: PeriodCounters()].durations[try row.decode("working_days")] = try row.decode("dossiers")
        }
        func line(_ key: GroupKey, _ c: PeriodCounters) -> Line {
            Line(
                department: key.department, procedure: key.procedure,
                name: key.procedure.map { names.procedures[$0] ?? $0 } ?? key.department.map { names.departments[$0] ?? $0 } ?? "Toàn tỉnh",
                figures: PeriodFigures(c))
        }
        let keys = counters.keys.sorted()
        let allowances = try connection.query(allowancesStatement, parameters).map { row in
            let steps: Int = try row.decode("steps")
            return AllowanceLine(
                department: try row.decode("department_code"), steps: steps, overAllowance: try row.decode("over_allowance"),
                averageDaysUsed: steps == 0 ? nil : Double(try row.decode("days_used", as: Int.self)) / Double(steps),
                averageAllowance: steps == 0 ? nil : try row.decode("allowance_days", as: Double.self) / Double(steps),
                madeLate: try row.decode("made_late"))
        }
        let holding = try connection.query(holdingStatement, [department, procedure]).map { row in
            HoldingLine(department: try row.decode("department_code"), held: try row.decode("held"), overdue: try row.decode("overdue"))
        }
        let whole = PeriodFigures(counters[GroupKey(department: nil, procedure: nil)] ?? PeriodCounters())
        let scope = procedure.map { names.procedures[$0] ?? $0 } ?? department.map { names.departments[$0] ?? $0 } ?? "Toàn tỉnh"
        return PeriodReport(
            period: period, asOf: now, department: department, procedure: procedure,
            total: Line(department: department, procedure: procedure, name: scope, figures: whole),
            departments: keys.filter { $0.department != nil && $0.procedure == nil }.map { line($0, counters[$0]!) },
            procedures: keys.filter { $0.procedure != nil }.map { line($0, counters[$0]!) },
            allowances: allowances, holding: holding)
    }

    /// A line's group, from a grouped row's `level`.
    struct GroupKey: Hashable, Comparable {
        let department: String?
        let procedure: String?

        init(department: String?, procedure: String?) {
            self.department = department
            self.procedure = procedure
        }

        init(row: Row) throws {
            let level: Int = try row.decode("level")
            department = level == 3 ? nil : try row.decode("department_code")
            procedure = level == 0 ? try row.decode("procedure_code") : nil
        }

        static func < (a: GroupKey, b: GroupKey) -> Bool {
            (a.department ?? "", a.procedure ?? "") < (b.department ?? "", b.procedure ?? "")
        }
    }

    /// `$1` first day, `$2` last day, `$3` department, `$4` procedure: each group's counters
    /// over the period's days, and its balances (carried over, open and overdue at the end) at
    /// the period's start and end (`report_balance`: the months before, then the month's days).
    static let countersStatement = """
        WITH period AS (
            SELECT department_code, procedure_code,
                   \(PeriodCounters.periodColumns.map { "sum(\($0)) AS \($0)" }.joined(separator: ", ")), sum(limit_days) AS limit_days
            FROM report_day t
            WHERE day BETWEEN $1 AND $2 AND \(ReportSQL.filters("t", department: 3, procedure: 4))
            GROUP BY department_code, procedure_code
        ), balance AS (
            SELECT department_code, procedure_code, s.open AS carried_over, e.open AS open_at_end, e.overdue AS overdue_at_end
            FROM (SELECT * FROM report_balance($1) t WHERE \(ReportSQL.filters("t", department: 3, procedure: 4))) s
            FULL JOIN (SELECT * FROM report_balance($2::date + 1) t WHERE \(ReportSQL.filters("t", department: 3, procedure: 4))) e
                USING (department_code, procedure_code)
        ), line AS (
            SELECT * FROM balance FULL JOIN period USING (department_code, procedure_code)
        )
        SELECT department_code, procedure_code, \(ReportSQL.level),
               coalesce(sum(carried_over), 0)::bigint AS carried_over,
               \(PeriodCounters.periodColumns.map { "coalesce(sum(\($0)), 0)::bigint AS \($0)" }.joined(separator: ",\n       ")),
               coalesce(sum(limit_days), 0)::float8 AS limit_days,
               coalesce(sum(open_at_end), 0)::bigint AS open_at_end,
               coalesce(sum(overdue_at_end), 0)::bigint AS overdue_at_end
        FROM line
        GROUP BY \(ReportSQL.groupingSets)
        """

    /// `$1` department, `$2` procedure: the open dossiers overdue now, per group.
    static let overdueNowStatement = """
        SELECT department_code, procedure_code, \(ReportSQL.level), count(*)::bigint AS overdue
        FROM report_open t
        WHERE \(ReportSQL.isOverdueNow("t")) AND \(ReportSQL.filters("t", department: 1, procedure: 2))
        GROUP BY \(ReportSQL.groupingSets)
        """

    /// `$1` department (the one holding the step), `$2` procedure: the live steps held now, and
    /// of them the overdue, per holding department.
    static let holdingStatement = """
        SELECT t.step_department AS department_code, count(*)::bigint AS held,
               count(*) FILTER (WHERE \(ReportSQL.isOverdueNow("t")))::bigint AS overdue
        FROM report_open t
        WHERE t.step_department IS NOT NULL AND ($1::text IS NULL OR t.step_department = $1) AND ($2::text IS NULL OR t.procedure_code = $2)
        GROUP BY t.step_department ORDER BY t.step_department
        """

    /// `$1`…`$4` as ``countersStatement``: the processing-time histogram of the resolved (the
    /// period's whole months from their month rows, its other days from the days').
    static let durationsStatement = """
        SELECT department_code, procedure_code, \(ReportSQL.level), working_days, sum(dossiers)::bigint AS dossiers
        FROM report_durations($1, $2) t
        WHERE \(ReportSQL.filters("t", department: 3, procedure: 4))
        GROUP BY GROUPING SETS ((working_days), (department_code, working_days), (department_code, procedure_code, working_days))
        """

    /// `$1`…`$4` as ``countersStatement`` (the department is the one that did the step): each
    /// department's steps against their allowance (whole months from their month rows), and the
    /// late dossiers it made late.
    static let allowancesStatement = """
        SELECT t.department_code, sum(t.steps)::bigint AS steps, sum(t.over_allowance)::bigint AS over_allowance,
               sum(t.working_days * t.steps)::bigint AS days_used, sum(t.allowance_days)::float8 AS allowance_days,
               (SELECT coalesce(sum(c.dossiers), 0) FROM report_late_cause c
                WHERE c.department_code = t.department_code AND c.day BETWEEN $1 AND $2 AND ($4::text IS NULL OR c.procedure_code = $4))::bigint
                   AS made_late
        FROM report_steps($1, $2) t
        WHERE \(ReportSQL.filters("t", department: 3, procedure: 4))
        GROUP BY t.department_code ORDER BY t.department_code
        """
}
