import ArgumentParser
import MotCua
import Postgres

/// `--database-url`, shared by every command that talks to the database.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "PostgreSQL URL or libpq keyword string.",
            discussion: "Default: MOTCUA_DATABASE_URL, then libpq's PG* variables, then the embedded cluster.",
            valueName: "url"))
    var databaseURL: String?

    /// Where the database is.
    var location: DatabaseLocation { .resolve(explicitURL: databaseURL) }

    /// Opens a connection to the configured database.
    private func connect() async throws -> Connection {
        try await Connection.connect(try location.conninfo())
    }

    /// Opens a connection and checks that every migration is applied.
    private func connectMigrated() async throws -> Connection {
        let connection = try await connect()
        try await Migrator.forProject().requireCurrent(connection)
        return connection
    }

    /// Runs `body` on a connection to the database (checked to be migrated, unless
    /// `requireMigrated` is false) and closes the connection on every path, also when `body`
    /// throws. Every command that talks to the database connects through here.
    func withConnection<T>(requireMigrated: Bool = true, _ body: (Connection) async throws -> T) async throws -> T {
        let connection = try await requireMigrated ? connectMigrated() : connect()
        do {
            let value = try await body(connection)
            await connection.close()
            return value
        } catch {
            await connection.close()
            throw error
        }
    }

    /// Runs `body` on a connection that reads as the reporting role (``ReportAccess``): every
    /// report command reads through here, so none can read personal data.
    func withReportingConnection<T>(_ body: (Connection) async throws -> T) async throws -> T {
        try await withConnection { connection in
            try await ReportAccess.adopt(on: connection)
            return try await body(connection)
        }
    }
}
