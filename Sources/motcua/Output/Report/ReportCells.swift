import CivilTime
import Foundation
import MotCua

/// How one report table writes its cells: for a reader (Vietnamese headers, 1.234, 95,0 %,
/// dd/mm/yyyy) or as CSV (snake_case headers, plain numbers, fractions, ISO dates), with
/// small counts masked when anonymising.
struct ReportCells {
    let anonymiser: Anonymiser
    let csv: Bool

    init(_ output: ReportOutputOptions) {
        anonymiser = output.anonymiser
        csv = output.format == .csv
    }

    init(anonymiser: Anonymiser, csv: Bool) {
        self.anonymiser = anonymiser
        self.csv = csv
    }

    func header(_ vietnamese: String, _ csvName: String) -> String { csv ? csvName : vietnamese }
    func count(_ n: Int) -> String { csv ? anonymiser.csv(n) : anonymiser.count(n) }
    func rate(_ value: Double?, base: Int) -> String { csv ? anonymiser.csvRate(value, base: base) : anonymiser.rate(value, base: base) }
    func days(_ value: Double?) -> String { csv ? value.map { String(format: "%.2f", $0) } ?? "" : ReportFormat.days(value) }
    func int(_ value: Int?) -> String { value.map(String.init) ?? (csv ? "" : "—") }
    func date(_ day: CalendarDate?) -> String { day.map { csv ? $0.description : ReportFormat.date($0) } ?? "" }
    func moment(_ at: Date?) -> String { at.map { csv ? EventTime.iso($0) : ReportFormat.moment($0) } ?? "" }
    func render(_ table: Table) -> String { csv ? table.csv() : table.text() }
}

/// Instants as CSV writes them.
enum EventTime {
    static func iso(_ at: Date) -> String { at.formatted(.iso8601) }
}
