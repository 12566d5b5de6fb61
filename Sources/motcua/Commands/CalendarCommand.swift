import ArgumentParser
import CivilTime
import Foundation
import MotCua

/// `motcua calendar show|set`: the working calendar and the official decisions over it.
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "The Vietnamese working calendar: computed holidays with official decisions over them.",
        subcommands: [Show.self, Set.self, Unset.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every day off and make-up working day of a year, with its reason and source.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: "The year, 1990–2100.")
        var year: Int

        func validate() throws {
            let years = CalendarStore.supportedYears
            guard years.contains(year) else { throw ValidationError("the year must be between \(years.lowerBound) and \(years.upperBound)") }
        }

        func run() async throws {
            let calendar = try await database.withConnection { try await CalendarStore.calendar(on: $0) }
            let days =
                calendar.holidays(in: year).map { DayLine(date: $0.date.description, kind: $0.kind.rawValue, name: $0.vietnameseName, source: $0.source) }
                + calendar.makeUpWorkingDays(in: year).map { DayLine(date: $0.date.description, kind: "working_day", name: $0.reason, source: $0.document) }
            let sorted = days.sorted { $0.date < $1.date }
            try output.emit(
                sorted, text: calendar.description(ofYear: year),
                csv: Table(headers: ["date", "kind", "name", "source"], rows: sorted.map { [$0.date, $0.kind, $0.name, $0.source] }).csv())
        }
    }

    struct DayLine: Codable {
        let date: String
        let kind: String
        let name: String
        let source: String
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an official decision for a day: an extra day off, or a make-up working day.",
            discussion: """
                A later decision for the same day replaces the earlier one. Making a statutory holiday a working \
                day needs --override-statutory. When the decision changes whether the day is worked, the command \
                says how many open dossiers are due on or after it: their appointment dates stand as printed on \
                the receipt, unless an apology slip (Mẫu 04) moves them.
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The day, YYYY-MM-DD.")
        var date: String
        @Flag(name: .customLong("off"), help: "The day is off.")
        var off = false
        @Flag(name: .customLong("working"), help: "The day is worked (a make-up Saturday).")
        var working = false
        @Flag(help: "Allow --working on a statutory holiday (the decision cancels the holiday).")
        var overrideStatutory = false
        @Option(help: "Why (as the decision says).")
        var reason: String
        @Option(help: "The document that decided it, for example 6150/TB-BNV.")
        var document: String
        @Option(help: "Who records the decision.")
        var actor = "calendar"

        func validate() throws {
            guard CalendarDate(iso: date) != nil else { throw ValidationError("the date must be YYYY-MM-DD and exist, such as 2026-08-31") }
            guard off != working else { throw ValidationError("give exactly one of --off and --working") }
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty, reason.count <= 500 else {
                throw ValidationError("--reason must be 1 to 500 characters")
            }
            guard !document.trimmingCharacters(in: .whitespaces).isEmpty, document.count <= 200 else {
                throw ValidationError("--document must name the decision (1 to 200 characters)")
            }
        }

        func run() async throws {
            let day = CalendarDate(iso: date)!
            let decision = CalendarOverride(
                date: day, kind: off ? .dayOff : .workingDay,
                reason: try FreeText.validate(reason, field: "--reason", maxLength: 500),
                document: try FreeText.validate(document, field: "--document", maxLength: 200))
            let change = try await database.withConnection {
                try await CalendarStore.set(decision, overrideStatutory: overrideStatutory, actor: actor, on: $0)
            }
            print("\(day): \(off ? "day off" : "working day") recorded (\(document))" + (change.replaced.map { "; it replaces the \($0)" } ?? ""))
            CalendarCommand.report(change)
        }
    }

    struct Unset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove the recorded decision for a day: the computed calendar applies to it again.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The day, YYYY-MM-DD.")
        var date: String
        @Option(help: "Why the decision is removed (recorded).")
        var reason: String
        @Option(help: "Who removes it.")
        var actor = "calendar"

        func validate() throws {
            guard CalendarDate(iso: date) != nil else { throw ValidationError("the date must be YYYY-MM-DD and exist, such as 2026-08-31") }
        }

        func run() async throws {
            let day = CalendarDate(iso: date)!
            let why = try FreeText.validate(reason, field: "--reason", maxLength: 500)
            let change = try await database.withConnection { try await CalendarStore.unset(day, reason: why, actor: actor, on: $0) }
            print("\(day): decision removed; the day is \(change.isWorking ? "a working day" : "off") by the computed calendar")
            CalendarCommand.report(change)
        }
    }

    /// Says what a change of a day's working status means for open dossiers.
    static func report(_ change: CalendarStore.Change) {
        guard change.wasWorking != change.isWorking else { return }
        print(
            "\(change.date) was \(change.wasWorking ? "a working day" : "off") and is now \(change.isWorking ? "a working day" : "off"): "
                + "\(change.openDossiersDueFromThen) open dossier(s) are due on or after it; their appointment dates stand as printed on the receipt, "
                + "unless an apology slip (Mẫu 04) moves them; dossiers received from now on are counted on the new calendar")
    }
}
