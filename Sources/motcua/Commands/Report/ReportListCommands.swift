import ArgumentParser
import MotCua

/// `--limit` and `--department` of the supervision lists.
struct SupervisionListOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only dossiers of this department (its procedures, or its live step).", valueName: "code"))
    var department: String?

    @Option(help: "How many dossiers to list (1–10000).")
    var limit: Int = 50

    func validate() throws {
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 10000, not \(limit)") }
    }
}

/// `motcua report overdue`: the supervision list.
struct ReportOverdueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overdue", abstract: "Overdue dossiers: who holds each, how late, since when; the longest overdue first.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var list: SupervisionListOptions
    @OptionGroup var output: ReportOutputOptions
    @OptionGroup var watch: WatchOptions

    func validate() throws { try watch.check(output) }

    func run() async throws { try await SupervisionListPrinter.run(.overdue, database: database, list: list, output: output, watch: watch.watch) }
}

/// `motcua report at-risk`: the dossiers to act on before their deadline.
struct ReportAtRiskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "at-risk",
        abstract: "Dossiers not yet overdue with fewer working days left than their current step usually takes (p75 of the last 90 days).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var list: SupervisionListOptions
    @OptionGroup var output: ReportOutputOptions
    @OptionGroup var watch: WatchOptions

    func validate() throws { try watch.check(output) }

    func run() async throws { try await SupervisionListPrinter.run(.atRisk, database: database, list: list, output: output, watch: watch.watch) }
}

/// Prints (or watches) a supervision list.
enum SupervisionListPrinter {
    static func run(_ kind: SupervisionList.Kind, database: DatabaseOptions, list: SupervisionListOptions, output: ReportOutputOptions, watch: Bool)
        async throws
    {
        let anonymiser = output.anonymiser
        if watch {
            try await WatchScreen.run(database: database) { connection in
                ReportText.list(try await SupervisionList.read(kind, department: list.department, limit: list.limit, on: connection), anonymiser)
            }
            return
        }
        let report = try await database.withReportingConnection { try await SupervisionList.read(kind, department: list.department, limit: list.limit, on: $0) }
        let cells = ReportCells(output)
        try output.emit(report, text: ReportText.list(report, anonymiser), csv: cells.render(ReportTables.supervision(report, cells)))
    }
}
