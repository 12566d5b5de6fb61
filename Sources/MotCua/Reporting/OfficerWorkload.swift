import Foundation
import Postgres

/// Each active officer's workload: the steps in their inbox, how many of those dossiers are
/// overdue, since when the oldest has waited, and the steps they completed in the period.
/// Officers are named by their code; the report reads no names.
public struct OfficerWorkload: Sendable, Codable, Equatable {
    /// One officer.
    public struct Line: Sendable, Codable, Equatable {
        public let officer: String
        public let department: String
        public let role: String
        public let held: Int
        public let overdue: Int
        /// When the step longest in their inbox was assigned.
        public let oldestAssignedAt: Date?
        public let completed: Int
    }

    public let period: ReportPeriod
    public let asOf: Date
    public let department: String?
    /// By department, then the most held first.
    public let officers: [Line]

    /// Reads the workload of `department`'s officers (all when nil) with completions in `period`.
    public static func read(period: ReportPeriod, department: String? = nil, on connection: Connection) async throws -> OfficerWorkload {
        try await connection.transaction(.repeatableRead, readOnly: true) { connection in
            try ReportScope.require(department: department, procedure: nil, on: connection)
            let now = try DatabaseClock.now(on: connection)
            let lines = try connection.query(readStatement, [department, period.from, period.to]).map { row in
                Line(
                    officer: try row.decode("code"), department: try row.decode("department_code"), role: try row.decode("role"),
                    held: try row.decode("held"), overdue: try row.decode("overdue"), oldestAssignedAt: try row.decode("oldest"),
                    completed: try row.decode("completed"))
            }
            return OfficerWorkload(period: period, asOf: now, department: department, officers: lines)
        }
    }

    /// `$1` department, `$2` first day, `$3` last day.
    static let readStatement = """
        WITH held AS (
            SELECT w.assigned_officer AS code, count(*) AS held, count(*) FILTER (WHERE \(ReportSQL.isOverdueNow("r"))) AS overdue,
                   min(w.assigned_at) AS oldest
            FROM work_item w LEFT JOIN report_open r ON r.dossier_id = w.dossier_id
            WHERE w.state = 'assigned'
            GROUP BY w.assigned_officer
        ), done AS (
            SELECT officer_code AS code, sum(steps) AS completed FROM report_officer_day
            WHERE day BETWEEN $2 AND $3 GROUP BY officer_code
        )
        SELECT o.code, o.department_code, o.role, coalesce(h.held, 0)::bigint AS held, coalesce(h.overdue, 0)::bigint AS overdue, h.oldest,
               coalesce(done.completed, 0)::bigint AS completed
        FROM officer o LEFT JOIN held h ON h.code = o.code LEFT JOIN done ON done.code = o.code
        WHERE o.active AND ($1::text IS NULL OR o.department_code = $1)
        ORDER BY o.department_code, coalesce(h.held, 0) DESC, o.code
        """
}
