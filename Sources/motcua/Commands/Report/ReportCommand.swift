import ArgumentParser
import MotCua

/// `motcua report …`: what leadership reads (docs/REPORTING.md defines every figure).
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Leadership reports: the dashboard, supervision lists, period reports, the national index, and their verification.",
        subcommands: [
            ReportDashboardCommand.self, ReportOverdueCommand.self, ReportAtRiskCommand.self, ReportDepartmentCommand.self,
            ReportProcedureCommand.self, ReportOfficersCommand.self, ReportTrendCommand.self, ReportIndexCommand.self, ReportVerifyCommand.self,
            Summary.self,
        ])

    struct Summary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Work items per department and state, dossiers per state.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let report = try await database.withReportingConnection { try await SummaryReport.read(on: $0) }
            print(try render(report, as: output.format))
        }
    }

    static func render(_ report: SummaryReport, as format: OutputFormat) throws -> String {
        let departments = Table(
            headers: ["department", "ready", "claimed", "assigned", "needs_attention", "completed"],
            rows: report.departments.map {
                [$0.department, String($0.ready), String($0.claimed), String($0.assigned), String($0.needsAttention), String($0.completed)]
            })
        let states = Table(
            headers: ["state", "national code", "dossiers"],
            rows: report.states.map {
                [$0.state, String($0.nationalCode), String($0.dossiers)]
            })
        switch format {
        case .json: return try jsonText(report)
        case .csv:
            // One table: a row per department (its work items) and per state (its dossiers),
            // told apart by the first column; the other kind's columns are empty.
            return Table(
                headers: ["table", "name", "ready", "claimed", "assigned", "needs_attention", "completed", "national_code", "dossiers"],
                rows: report.departments.map {
                    [
                        "department", $0.department, String($0.ready), String($0.claimed), String($0.assigned), String($0.needsAttention), String($0.completed),
                        "", "",
                    ]
                } + report.states.map { ["state", $0.state, "", "", "", "", "", String($0.nationalCode), String($0.dossiers)] }
            ).csv()
        case .text: return "Work items by department\n" + departments.text() + "\n\nDossiers by state\n" + states.text()
        }
    }
}
