import ArgumentParser
import Foundation
import MotCua

/// `motcua report officers`: each officer's workload.
struct ReportOfficersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "officers", abstract: "Per officer: steps held, of them overdue, the oldest, and steps completed in the period.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var scope: ReportScopeOptions
    @OptionGroup var output: ReportOutputOptions

    func run() async throws {
        let report = try await database.withReportingConnection { connection in
            try await OfficerWorkload.read(period: try await scope.resolvedPeriod(on: connection), department: scope.department, on: connection)
        }
        let cells = ReportCells(output)
        let text =
            ReportText.title("KHỐI LƯỢNG CÔNG VIỆC CÁN BỘ" + (report.department.map { " — \($0)" } ?? ""), report.period, asOf: report.asOf) + "\n"
            + (report.officers.isEmpty ? "  không có cán bộ" : ReportTables.officers(report, cells).text())
        try output.emit(report, text: text, csv: cells.render(ReportTables.officers(report, cells)))
    }
}

/// `motcua report trend`: the figures per week or month.
struct ReportTrendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend", abstract: "New, resolved, late, on-time rate, open and overdue per week or month.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Buckets: week or month.") var by: TrendReport.Unit = .week
    @Option(help: "How many buckets up to today (1–520), when no --period is given.") var last: Int = 12
    @OptionGroup var scope: ReportScopeOptions
    @OptionGroup var output: ReportOutputOptions

    func validate() throws {
        guard (1...520).contains(last) else { throw ValidationError("--last must be between 1 and 520, not \(last)") }
    }

    func run() async throws {
        let period = try scope.period.map { try ReportPeriod(parsing: $0) }
        let report = try await database.withReportingConnection {
            try await TrendReport.read(by: by, count: last, period: period, department: scope.department, on: $0)
        }
        let cells = ReportCells(output)
        let rates = report.buckets.map(\.onTimeRate)
        let text =
            ReportText.title("XU HƯỚNG THEO \(by == .week ? "TUẦN" : "THÁNG")" + (report.department.map { " — \($0)" } ?? ""), period, asOf: report.asOf)
            + "\nTỷ lệ đúng hạn: \(ReportFormat.sparkline(rates))\n" + ReportTables.trend(report, cells).text()
        try output.emit(report, text: text, csv: cells.render(ReportTables.trend(report, cells)))
    }
}

extension TrendReport.Unit: ExpressibleByArgument {}

/// `motcua report index`: the Decision 766 groups.
struct ReportIndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index", abstract: "The national service-quality index (Decision 766/QĐ-TTg): points per group for what MotCua can compute.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var period: ReportPeriodOptions
    @OptionGroup var output: ReportOutputOptions

    func run() async throws {
        let index = try await database.withReportingConnection { connection in
            try await ServiceIndex.read(period: try await period.resolved(on: connection), on: connection)
        }
        let cells = ReportCells(output)
        let score = String(format: "%.2f", index.earned).replacingOccurrences(of: ".", with: ",")
        let computed = String(format: "%.0f", index.computedPoints)
        let missing = index.groups.flatMap(\.indicators).filter { $0.earned == nil }.map { "\($0.name): \($0.note ?? "")" }
        let text =
            [
                ReportText.title("BỘ CHỈ SỐ PHỤC VỤ (QĐ 766/QĐ-TTg)", index.period, asOf: index.asOf),
                "Điểm đạt \(score) trên \(computed) điểm tính được từ dữ liệu MotCua (tổng bộ chỉ số \(String(format: "%.0f", index.totalPoints)) điểm)",
                ReportTables.index(index, cells).text(),
            ] + (missing.isEmpty ? [] : ["", "Không tính được:"] + missing.map { "  - \($0)" })
        try output.emit(index, text: text.joined(separator: "\n"), csv: cells.render(ReportTables.index(index, cells)))
    }
}

/// `motcua report verify`: the reports against the event log.
struct ReportVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute every figure from the event log alone and compare; exits 1 and lists the differences if any.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var period: ReportPeriodOptions
    @OptionGroup var output: DocumentOutputOptions

    func run() async throws {
        let result = try await database.withReportingConnection { connection in
            try await ReportVerification.run(period: try await period.resolved(on: connection), on: connection)
        }
        let summary =
            "\(result.dossiers) dossiers, \(result.events) events replayed; \(result.compared) comparisons (rollup rows, projections, figures and trend of \(result.period), the overdue and at-risk lists)"
        try output.emit(
            result,
            text: result.agrees
                ? "The reports agree with the event log: \(summary)."
                : (["The reports DISAGREE with the event log in \(result.differenceCount) places (\(summary)):"] + result.differences.map { "  \($0)" })
                    .joined(separator: "\n"))
        if !result.agrees { throw ExitCode(1) }
    }
}
