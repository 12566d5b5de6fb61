import ArgumentParser
import Foundation
import MotCua

/// `motcua inbox --officer CODE`: what is assigned to an officer.
struct InboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox",
        abstract: "An officer's inbox: the review and signature steps assigned to them, overdue first, then due soonest.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The officer's code in the catalog, for example stp.cb01.")
    var officer: String

    func run() async throws {
        let lines = try await database.withConnection { try await OfficerInbox.list(officer: officer, on: $0) }
        try output.emit(
            lines,
            table: Table(
                headers: ["dossier", "procedure", "step", "kind", "state", "due", "working days left", "assigned"],
                rows: lines.map { line in
                    [
                        line.dossierCode, line.procedureCode, String(line.step), line.kind.rawValue, line.state.rawValue,
                        line.dueDate.map(SlipFormat.format) ?? "",
                        line.workingDaysLeft.map { line.overdue ? "overdue (\($0))" : String($0) } ?? "", line.assignedAt.map(SlipFormat.format) ?? "",
                    ]
                }))
    }
}
