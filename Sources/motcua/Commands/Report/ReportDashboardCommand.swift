import ArgumentParser
import Foundation
import MotCua

/// `motcua report dashboard`: one screen for leadership, as text, JSON, CSV or an HTML file.
struct ReportDashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Headline figures, departments by on-time rate, the worst overdue and the at-risk dossiers, the 12-week trend.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var scope: ReportScopeOptions
    @OptionGroup var output: ReportOutputOptions
    @OptionGroup var watch: WatchOptions

    @Option(help: ArgumentHelp("Also write the dashboard as one self-contained HTML file here.", valueName: "file"))
    var html: String?

    func validate() throws {
        if watch.watch && html != nil { throw ValidationError("--watch and --html do not go together: the HTML file is one snapshot") }
        try watch.check(output)
        if let html {
            do { try OutputFile.checkWritable(html, what: "the HTML dashboard") } catch let error as MotCuaError {
                throw ValidationError("--html: \(error.description)")
            }
        }
    }

    func run() async throws {
        let anonymiser = output.anonymiser
        if watch.watch {
            try await WatchScreen.run(database: database) { connection in
                ReportText.dashboard(
                    try await Dashboard.read(period: try await scope.resolvedPeriod(on: connection), department: scope.department, on: connection), anonymiser)
            }
            return
        }
        let dashboard = try await database.withReportingConnection { connection in
            try await Dashboard.read(period: try await scope.resolvedPeriod(on: connection), department: scope.department, on: connection)
        }
        if let html {
            try OutputFile.write(DashboardHTML.render(dashboard, anonymiser), to: html, what: "the HTML dashboard")
        }
        let cells = ReportCells(output)
        try output.emit(
            dashboard, text: ReportText.dashboard(dashboard, anonymiser),
            csv: cells.render(ReportTables.figures([dashboard.report.total] + dashboard.departments, cells)))
    }
}
