import Foundation
import Postgres

/// One screen for leadership: the period's figures for the province and per department (the
/// lowest on-time rate first), the worst overdue and the at-risk dossiers with who holds them,
/// and the weekly trend. Read in one snapshot.
public struct Dashboard: Sendable, Codable, Equatable {
    public let report: PeriodReport
    /// Department lines, the lowest on-time rate first (those with nothing resolved last).
    public let departments: [PeriodReport.Line]
    public let overdue: SupervisionList
    public let atRisk: SupervisionList
    public let trend: TrendReport

    /// Reads the dashboard of `period`, for one department when given; `worst` lines per list.
    public static func read(period: ReportPeriod, department: String? = nil, worst: Int = 5, on connection: Connection) async throws -> Dashboard {
        try await connection.transaction(.repeatableRead, readOnly: true) { connection in
            let report = try PeriodReport.read(period: period, department: department, procedure: nil, on: connection)
            let departments = report.departments.sorted {
                ($0.figures.onTimeRate ?? 2, $0.department ?? "") < ($1.figures.onTimeRate ?? 2, $1.department ?? "")
            }
            return Dashboard(
                report: report, departments: departments,
                overdue: try SupervisionList.read(.overdue, department: department, limit: worst, on: connection),
                atRisk: try SupervisionList.read(.atRisk, department: department, limit: worst, on: connection),
                trend: try TrendReport.read(by: .week, count: 12, period: nil, department: department, on: connection))
        }
    }
}
