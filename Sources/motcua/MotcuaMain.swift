import ArgumentParser
import Foundation
import Logging

/// Entry point: sets up logging (stderr; level from `MOTCUA_LOG_LEVEL`, default `info`), then
/// runs the command line.
@main
enum MotcuaMain {
    static func main() async {
        let level = ProcessInfo.processInfo.environment["MOTCUA_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        await Motcua.main()
    }
}

/// The `motcua` command.
struct Motcua: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "motcua",
        abstract: "MotCua: the back office of a provincial one-stop public administration center.",
        discussion: """
            Commands find their database in this order: --database-url, MOTCUA_DATABASE_URL, \
            libpq's PG* variables, then the embedded cluster (`motcua db start`).
            """,
        subcommands: [
            DemoCommand.self, DbCommand.self, MigrateCommand.self, IntakeCommand.self, TrackCommand.self, DossierCommand.self, CalendarCommand.self,
            QueueCommand.self,
            WorkerCommand.self, ReportCommand.self, ClockCommand.self, BenchCommand.self, CatalogCommand.self,
        ])
}
