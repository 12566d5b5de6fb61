import ArgumentParser
import Foundation
import MotCua
import MotCuaDemo

/// `motcua demo`: a center at work over a simulated period.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a simulated center for some weeks: submissions, department workers, officers deciding, and the leadership summary.",
        discussion: """
            Starts the embedded database (unless another is given), migrates, loads the Đồng Nai catalog and starts one \
            worker process per department. Then it walks the simulated business clock through the WEEKS × 7 days before \
            the business time now: dossiers arrive at the desk, by post and online; simulated officers review, ask for \
            supplements and payments, consult, refuse, sign; applicants bring supplements, pay and collect results. It \
            ends with the leadership summary and consistency checks, puts the clock back as it was, and leaves the \
            database in place for every other command. --seed repeats the same stream of submissions and decisions.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: DocumentOutputOptions

    @Option(help: "How many weeks to simulate.")
    var weeks = 4

    @Option(help: "Dossiers submitted per working day (days off get an eighth of it, online).")
    var dossiersPerDay = 30

    @Option(help: "The seed of the simulated submissions and decisions.")
    var seed: UInt64 = 1

    func validate() throws {
        guard (1...52).contains(weeks) else { throw ValidationError("--weeks must be between 1 and 52") }
        guard (1...2000).contains(dossiersPerDay) else { throw ValidationError("--dossiers-per-day must be between 1 and 2000") }
    }

    func run() async throws {
        // With --format json, standard output holds the outcome alone; progress goes to stderr.
        let text = output.format == .text
        let toStandardOutput: @Sendable (String) -> Void = { line in print(line) }
        let say = text ? toStandardOutput : BenchCommand.progress
        let location = database.location
        if location == .embedded {
            let embedded = try EmbeddedDatabase.default()
            try await embedded.start()
            say("embedded PostgreSQL running in \(embedded.directory) (stop it with `motcua db stop`)")
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        let options = DemoRunner.Options(weeks: weeks, dossiersPerDay: dossiersPerDay, seed: seed)
        let runner = DemoRunner(executable: executable, conninfo: try location.conninfo(), options: options)
        let started = ContinuousClock.now
        let live = isatty(STDERR_FILENO) == 1
        let outcome = try await runner.run(say: say) { day in
            let line = "\(SlipFormat.format(day.day))  received \(day.received)  resolved \(day.resolved)  overdue \(day.overdue)"
            FileHandle.standardError.write(Data((live ? "\r\(line)\u{1B}[K" : line + "\n").utf8))
        }
        if live { FileHandle.standardError.write(Data("\n".utf8)) }
        let elapsed = ContinuousClock.now - started
        try output.emit(outcome, text: DemoSummaryText.render(outcome, wallTime: elapsed))
        guard outcome.inconsistencies.isEmpty else {
            throw DemoError(reason: "the database is inconsistent: " + outcome.inconsistencies.joined(separator: "; "))
        }
    }
}
