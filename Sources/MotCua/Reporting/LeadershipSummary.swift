import CivilTime
import Foundation
import Postgres

/// What leadership reads first: per department (the procedure's owner) the dossiers submitted,
/// those never received (refused or sent back incomplete at the desk), resolved on time and
/// late, ended otherwise (refused after review, withdrawn, stopped), pending and overdue, with
/// the on-time rate; and the most overdue dossiers with who holds them. As of the business
/// clock, in one read-only snapshot; no personal data.
///
/// Every submitted dossier is in exactly one column: submitted = not received + on time + late
/// + ended + pending + overdue. "On time" compares the resolution with the appointment date in
/// force (after pauses and an apology's new date); a dossier waiting in a pause that began by
/// its due time (a supplement asked before it) is pending, not overdue, since its date will
/// move. The national index's rules (more than one supplement request is late) are the
/// reports' business, not this summary's.
public struct LeadershipSummary: Sendable, Codable, Equatable {
    /// One department's dossiers.
    public struct DepartmentLine: Sendable, Codable, Equatable {
        public let department: String
        public let submitted: Int
        public let notReceived: Int
        public let resolvedOnTime: Int
        public let resolvedLate: Int
        public let ended: Int
        public let pending: Int
        public let overdue: Int
        /// Resolved on time over resolved, nil before any is resolved.
        public let onTimeRate: Double?

        init(department: String, submitted: Int, notReceived: Int, resolvedOnTime: Int, resolvedLate: Int, ended: Int, pending: Int, overdue: Int) {
            self.department = department
            self.submitted = submitted
            self.notReceived = notReceived
            self.resolvedOnTime = resolvedOnTime
            self.resolvedLate = resolvedLate
            self.ended = ended
            self.pending = pending
            self.overdue = overdue
            onTimeRate = resolvedOnTime + resolvedLate == 0 ? nil : Double(resolvedOnTime) / Double(resolvedOnTime + resolvedLate)
        }
    }

    /// An overdue dossier and who holds it.
    public struct OverdueLine: Sendable, Codable, Equatable {
        public let dossierCode: String
        public let procedureCode: String
        public let dueDate: CalendarDate
        /// Working days past the appointment date, today not counted as worked yet.
        public let workingDaysLate: Int
        /// The department and officer holding its live step, or what it waits for.
        public let holder: String
    }

    /// The business time the summary is as of.
    public let asOf: Date
    /// One line per department with dossiers, by department code.
    public let departments: [DepartmentLine]
    /// The sum of the department lines.
    public let total: DepartmentLine
    /// The most overdue dossiers, the most overdue first.
    public let mostOverdue: [OverdueLine]

    /// Reads the summary, with the `worst` most overdue dossiers.
    public static func read(worst: Int = 5, on connection: Connection) async throws -> LeadershipSummary {
        let calendar = try await CalendarStore.calendar(on: connection)
        return try await connection.transaction(.repeatableRead, readOnly: true) { connection in
            let now = try DatabaseClock.now(on: connection)
            let lines = try connection.query(departmentsStatement).map { row in
                DepartmentLine(
                    department: try row.decode("department_code"), submitted: try row.decode("submitted"), notReceived: try row.decode("not_received"),
                    resolvedOnTime: try row.decode("on_time"), resolvedLate: try row.decode("late"), ended: try row.decode("ended"),
                    pending: try row.decode("pending"), overdue: try row.decode("overdue"))
            }
            let today = VietnamTime.day(of: now)
            let overdue = try connection.query(mostOverdueStatement, [worst]).map { row in
                let due: CalendarDate = try row.decode("due_date")
                return OverdueLine(
                    dossierCode: try row.decode("code"), procedureCode: try row.decode("procedure_code"), dueDate: due,
                    workingDaysLate: calendar.workingDays(from: due, to: today), holder: try row.decode("holder"))
            }
            func sum(_ field: KeyPath<DepartmentLine, Int>) -> Int { lines.reduce(0) { $0 + $1[keyPath: field] } }
            let total = DepartmentLine(
                department: "TOTAL", submitted: sum(\.submitted), notReceived: sum(\.notReceived), resolvedOnTime: sum(\.resolvedOnTime),
                resolvedLate: sum(\.resolvedLate), ended: sum(\.ended), pending: sum(\.pending), overdue: sum(\.overdue))
            return LeadershipSummary(asOf: now, departments: lines, total: total, mostOverdue: overdue)
        }
    }

    /// The states of a received dossier that ended without a result: refused after review
    /// (`stopped`), withdrawn (`withdrawal_requested`, then `returned` with its papers), stopped.
    static let endedStates = "('stopped', 'refused', 'withdrawal_requested', 'returned')"

    /// Open dossier `d` (with its `report_open` row `o`) is past its appointment day, unless it
    /// waits in a pause that began by its due time (a supplement asked before it): that
    /// appointment will move when the pause ends, as the reports' overdue list has it.
    static let overdueNow = "d.due_at < \(ReportSQL.startOfToday) AND NOT coalesce(\(ReportSQL.isPausedBeforeDue("o")), false)"

    /// Each dossier in exactly one column, by its procedure's department.
    static let departmentsStatement = """
        WITH d AS (
            SELECT p.department_code, d.received_at, d.resolved_at, d.due_at,
                   CASE WHEN d.received_at IS NULL THEN 'not_received'
                        WHEN d.resolved_at IS NOT NULL AND d.resolved_at <= d.due_at THEN 'on_time'
                        WHEN d.resolved_at IS NOT NULL THEN 'late'
                        WHEN d.state IN \(endedStates) THEN 'ended'
                        WHEN \(overdueNow) THEN 'overdue'
                        ELSE 'pending' END AS outcome
            FROM dossier d JOIN procedure p ON p.code = d.procedure_code AND p.version = d.procedure_version
                 LEFT JOIN report_open o ON o.dossier_id = d.id
        )
        SELECT department_code, count(*) AS submitted,
               count(*) FILTER (WHERE outcome = 'not_received') AS not_received,
               count(*) FILTER (WHERE outcome = 'on_time') AS on_time,
               count(*) FILTER (WHERE outcome = 'late') AS late,
               count(*) FILTER (WHERE outcome = 'ended') AS ended,
               count(*) FILTER (WHERE outcome = 'pending') AS pending,
               count(*) FILTER (WHERE outcome = 'overdue') AS overdue
        FROM d GROUP BY department_code ORDER BY department_code
        """

    /// `$1` how many: received dossiers still being processed past their appointment moment,
    /// the most overdue first, with the holder of their live step or the state they wait in.
    static let mostOverdueStatement = """
        SELECT d.code, d.procedure_code, d.due_date,
               coalesce(\(DossierStore.holderExpression), d.state) AS holder
        FROM dossier d LEFT JOIN report_open o ON o.dossier_id = d.id
        WHERE d.received_at IS NOT NULL AND d.resolved_at IS NULL AND \(overdueNow)
          AND d.state NOT IN \(endedStates)
        ORDER BY d.due_at, d.id LIMIT $1
        """
}
