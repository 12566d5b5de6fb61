import ArgumentParser
import MotCua

/// `motcua report department CODE`: one department's period report.
struct ReportDepartmentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "department", abstract: "A department's period report, its procedures, and its steps against their allowances.")

    @Argument(help: "The department's code.") var code: String
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var period: ReportPeriodOptions
    @OptionGroup var output: ReportOutputOptions

    func run() async throws {
        let report = try await database.withReportingConnection { connection in
            try await PeriodReport.read(period: try await period.resolved(on: connection), department: code, on: connection)
        }
        let cells = ReportCells(output)
        try output.emit(
            report, text: ReportText.period(report, subject: "BÁO CÁO ĐƠN VỊ \(code)", output.anonymiser),
            csv: cells.render(ReportTables.figures(report.departments + report.procedures, cells)))
    }
}

/// `motcua report procedure CODE`: one procedure's period report, with each liên thông department's allowance use.
struct ReportProcedureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "procedure", abstract: "A procedure's period report, with each department's use of its step allowance.")

    @Argument(help: "The procedure's code (e.g. 2.001610).") var code: String
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var period: ReportPeriodOptions
    @OptionGroup var output: ReportOutputOptions

    func run() async throws {
        let report = try await database.withReportingConnection { connection in
            try await PeriodReport.read(period: try await period.resolved(on: connection), procedure: code, on: connection)
        }
        let cells = ReportCells(output)
        try output.emit(
            report, text: ReportText.period(report, subject: "BÁO CÁO THỦ TỤC \(code)", output.anonymiser),
            csv: cells.render(ReportTables.allowances(report.allowances, cells)))
    }
}
