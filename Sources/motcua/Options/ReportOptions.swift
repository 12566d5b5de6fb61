import ArgumentParser
import MotCua
import Postgres

/// `--period`, shared by every report command that covers a period.
struct ReportPeriodOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The period: 2026-Q3, 2026-11, 2026-W47, 2026, or FROM..TO (ISO dates). Default: the current month.", valueName: "period"))
    var period: String?

    func validate() throws { try ReportScopeOptions.validate(period: period) }

    /// The period asked for, or the month of the business clock's today.
    func resolved(on connection: Connection) async throws -> ReportPeriod { try await ReportScopeOptions.resolve(period: period, on: connection) }
}

/// `--period` and `--department`, shared by the report commands that cover a period and may be
/// limited to a department.
struct ReportScopeOptions: ParsableArguments {
    @OptionGroup var periodOption: ReportPeriodOptions

    @Option(help: ArgumentHelp("Only this department (its code, as `motcua catalog list` shows).", valueName: "code"))
    var department: String?

    /// The period as written, if given.
    var period: String? { periodOption.period }

    /// The period asked for, or the month of the business clock's today.
    func resolvedPeriod(on connection: Connection) async throws -> ReportPeriod { try await periodOption.resolved(on: connection) }

    /// Refuses a period that does not parse, with the forms it may take.
    static func validate(period: String?) throws {
        if let period {
            do { _ = try ReportPeriod(parsing: period) } catch let error as MotCuaError { throw ValidationError(error.description) }
        }
    }

    /// `period` read, or the month of the business clock's today.
    static func resolve(period: String?, on connection: Connection) async throws -> ReportPeriod {
        if let period { return try ReportPeriod(parsing: period) }
        return ReportPeriod.month(of: VietnamTime.day(of: try await DatabaseClock.now(on: connection)))
    }
}

/// `--format table|json|csv` and the anonymisation of exports, shared by every report.
struct ReportOutputOptions: ParsableArguments {
    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .text

    @Flag(help: "Show every count of a group smaller than --threshold as \"< N\" (for exports that leave the building).")
    var anonymise = false

    @Option(help: ArgumentHelp("The smallest group whose counts --anonymise shows.", valueName: "n"))
    var threshold: Int = 5

    func validate() throws {
        guard (2...1000).contains(threshold) else { throw ValidationError("--threshold must be between 2 and 1000, not \(threshold)") }
    }

    /// How counts are shown.
    var anonymiser: Anonymiser { Anonymiser(threshold: anonymise ? threshold : nil) }

    /// Prints `value` as (anonymised) JSON, or the text or CSV.
    func emit<T: Encodable>(_ value: T, text: @autoclosure () -> String, csv: @autoclosure () -> String) throws {
        switch format {
        case .text: print(text())
        case .csv: print(csv())
        case .json: print(try anonymiser.json(value))
        }
    }
}
