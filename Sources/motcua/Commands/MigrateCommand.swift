import ArgumentParser
import Foundation
import MotCua

/// `motcua migrate [--status]`.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending migrations from sql/migrations, or list them with --status.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    @Flag(name: .long, help: "List applied and pending migrations instead of applying.")
    var status = false

    func run() async throws {
        let migrator = try Migrator.forProject()
        if status {
            let statuses = try await database.withConnection(requireMigrated: false) { try await migrator.status($0) }
            try output.emit(
                statuses,
                table: Table(
                    headers: ["migration", "state", "applied at"],
                    rows: statuses.map {
                        [$0.name, $0.appliedAt == nil ? "pending" : "applied", $0.appliedAt.map { ISO8601DateFormatter().string(from: $0) } ?? ""]
                    }))
        } else {
            let applied = try await database.withConnection(requireMigrated: false) { try await migrator.migrate($0) }
            print(applied.isEmpty ? "database is up to date" : "applied \(applied.count): \(applied.joined(separator: ", "))")
        }
    }
}
