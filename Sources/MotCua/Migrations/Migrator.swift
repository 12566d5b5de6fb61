import Foundation
import Logging
import Postgres

/// Applies the numbered migrations in order, each in its own transaction, recording each with
/// a SHA-256 checksum of its text (computed by the server's `sha256()`).
///
/// A session-level advisory lock makes concurrent runs safe: the second waits, then finds
/// nothing left to do. An applied file that changed, or one that disappeared, stops the run
/// before anything is applied.
public struct Migrator: Sendable {
    /// The migrations known to this binary, in order.
    public let files: [MigrationFile]
    private let logger: Logger

    /// The advisory-lock key that serialises migrators (`motcua` in ASCII).
    static let lockKey: Int64 = 0x6D6F_7463_7561

    /// Creates a migrator over already-loaded files.
    public init(files: [MigrationFile], logger: Logger = Logger(label: "motcua.migrate")) {
        self.files = files
        self.logger = logger
    }

    /// Creates a migrator over the project's `sql/migrations` folder.
    public static func forProject() throws -> Migrator {
        Migrator(files: try MigrationFile.load(from: SQLDirectory.locate().appendingPathComponent("migrations")))
    }

    /// One migration's state in a database.
    public struct Status: Sendable, Equatable, Codable {
        /// The migration file name.
        public let name: String
        /// When it was applied, or `nil` if pending.
        public let appliedAt: Date?
        /// The checksum recorded when it was applied, or `nil` if pending.
        public let checksum: String?
    }

    /// Applies pending migrations; returns the names applied (empty when up to date).
    @discardableResult
    public func migrate(_ connection: Connection) async throws -> [String] {
        try await connection.query(Self.lockStatement, [Self.lockKey])
        do {
            let applied = try await verifiedAppliedNames(connection)
            let sums = try await checksums(connection)
            var done: [String] = []
            for file in files where !applied.contains(file.name) {
                try await apply(file, checksum: sums[file.name]!, on: connection)
                done.append(file.name)
            }
            // Derived data the schema needs: the working days SQL counts with, then the
            // projection of events written before the reports' rollups existed.
            try await WorkingDayTable.publish(on: connection)
            try await connection.query(Self.backfillStatement)
            try await connection.query(Self.unlockStatement, [Self.lockKey])
            return done
        } catch {
            _ = try? await connection.query(Self.unlockStatement, [Self.lockKey])
            throw error
        }
    }

    /// Projects the events a migration left for the reports' backfill (none once done).
    static let backfillStatement = "SELECT report_backfill()"

    /// `$1` the advisory-lock key (``lockKey``).
    static let lockStatement = "SELECT pg_advisory_lock($1)"

    /// `$1` the advisory-lock key (``lockKey``).
    static let unlockStatement = "SELECT pg_advisory_unlock($1)"

    /// Every known migration with whether and when it was applied; also checks checksums.
    public func status(_ connection: Connection) async throws -> [Status] {
        let recorded = try await recordedMigrations(connection)
        try verify(recorded, checksums: try await checksums(connection))
        return files.map { file in
            let record = recorded[file.name]
            return Status(name: file.name, appliedAt: record?.appliedAt, checksum: record?.checksum)
        }
    }

    /// Throws ``MotCuaError/schemaNotMigrated(pending:)`` unless every migration is applied.
    public func requireCurrent(_ connection: Connection) async throws {
        let pending = try await status(connection).filter { $0.appliedAt == nil }.map(\.name)
        guard pending.isEmpty else { throw MotCuaError.schemaNotMigrated(pending: pending) }
    }

    // MARK: - Internals

    static let createTable = """
        CREATE TABLE schema_migration (
            name        text PRIMARY KEY,
            checksum    text NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT now()
        )
        """

    private struct Record {
        let checksum: String
        let appliedAt: Date
    }

    private func verifiedAppliedNames(_ connection: Connection) async throws -> Set<String> {
        if try await !ledgerExists(connection) { try await connection.execute(Self.createTable) }
        let recorded = try await recordedMigrations(connection)
        try verify(recorded, checksums: try await checksums(connection))
        return Set(recorded.keys)
    }

    private func ledgerExists(_ connection: Connection) async throws -> Bool {
        try await connection.query(Self.ledgerExistsStatement).single().decode("present")
    }

    static let ledgerExistsStatement = "SELECT to_regclass('schema_migration') IS NOT NULL AS present"

    /// What the ledger records; empty when no migration ever ran (the ledger does not exist).
    private func recordedMigrations(_ connection: Connection) async throws -> [String: Record] {
        guard try await ledgerExists(connection) else { return [:] }
        let rows = try await connection.query(Self.recordedStatement)
        var records: [String: Record] = [:]
        for row in rows {
            records[try row.decode("name")] = Record(checksum: try row.decode("checksum"), appliedAt: try row.decode("applied_at"))
        }
        return records
    }

    static let recordedStatement = "SELECT name, checksum, applied_at FROM schema_migration"

    /// SHA-256 of every file's UTF-8 text, hex-encoded, computed by the server in one statement.
    private func checksums(_ connection: Connection) async throws -> [String: String] {
        let rows = try await connection.query(Self.checksumsStatement, [files.map(\.sql)])
        var sums: [String: String] = [:]
        for (file, row) in zip(files, rows) { sums[file.name] = try row.decode("checksum") }
        return sums
    }

    /// `$1` the migrations' texts, in order.
    static let checksumsStatement =
        "SELECT encode(sha256(convert_to(sql, 'UTF8')), 'hex') AS checksum FROM unnest($1::text[]) WITH ORDINALITY AS f(sql, n) ORDER BY n"

    private func verify(_ recorded: [String: Record], checksums: [String: String]) throws {
        for (name, record) in recorded.sorted(by: { $0.key < $1.key }) {
            guard let checksum = checksums[name] else { throw MotCuaError.migrationMissing(file: name) }
            guard checksum == record.checksum else {
                throw MotCuaError.migrationChanged(file: name, appliedChecksum: record.checksum, fileChecksum: checksum)
            }
        }
    }

    private func apply(_ file: MigrationFile, checksum: String, on connection: Connection) async throws {
        logger.info("applying migration", metadata: ["migration": .string(file.name)])
        do {
            try await connection.transaction { connection in
                try connection.execute(file.sql)
                try connection.query(Self.recordStatement, [file.name, checksum])
            }
        } catch let error as PostgresError {
            throw MotCuaError.migrationFailed(file: file.name, reason: error.description)
        }
    }

    /// `$1` migration file name, `$2` its checksum.
    static let recordStatement = "INSERT INTO schema_migration (name, checksum) VALUES ($1, $2)"
}
