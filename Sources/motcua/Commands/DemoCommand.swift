import ArgumentParser
import Foundation
import MotCua
import MotCuaDemo

/// `motcua demo`.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start the embedded database, migrate, receive sample dossiers, run the department workers as separate processes, and print the summary.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "How many sample dossiers to receive.")
    var dossiers = 12

    func validate() throws {
        guard (1...9999).contains(dossiers) else { throw ValidationError("--dossiers must be between 1 and 9999") }
    }

    func run() async throws {
        // With --format json or csv, standard output holds the summary alone; progress goes to stderr.
        let toStandardOutput: @Sendable (String) -> Void = { line in print(line) }
        let say = output.format == .text ? toStandardOutput : BenchCommand.progress
        let location = database.location
        if location == .embedded {
            let embedded = try EmbeddedDatabase.default()
            try await embedded.start()
            say("embedded PostgreSQL running in \(embedded.directory) (stop it with `motcua db stop`)")
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        let runner = DemoRunner(executable: executable, conninfo: try location.conninfo(), dossiers: dossiers)
        let report = try await runner.run(say: say)
        say("")
        print(try ReportCommand.render(report, as: output.format))
    }
}
