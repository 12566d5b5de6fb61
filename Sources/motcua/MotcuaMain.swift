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
        if let bad = CommandLine.invalidUTF8Argument {
            FileHandle.standardError.write(
                Data("Error: argument \(bad) is not valid UTF-8 text; type it again in UTF-8 (a terminal or file in another encoding sends other bytes)\n".utf8)
            )
            exit(64)
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
            InboxCommand.self, DecideCommand.self, SlipCommand.self, WorkerCommand.self, ReportCommand.self, ClockCommand.self, BenchCommand.self,
            CatalogCommand.self,
        ])
}

extension CommandLine {
    /// The position (1 for the first argument after the program name) of an argument whose
    /// bytes are not valid UTF-8, or nil. Swift would replace such bytes with U+FFFD and the
    /// damaged text would be stored; it is refused instead, as invalid UTF-8 in files is.
    static var invalidUTF8Argument: Int? {
        (1..<Int(argc)).first { index in
            guard let pointer = unsafeArgv[index] else { return false }
            return String(validatingCString: pointer) == nil
        }
    }
}
