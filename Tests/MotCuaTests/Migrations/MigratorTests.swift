import Foundation
import MotCua
import Postgres
import TestSupport
import Testing

@Suite(.database) struct MigratorTests {
    let project = try! Migrator.forProject().files

    @Test func upToDateDatabaseHasNothingToApply() async throws {
        let connection = try await TestDatabase.connect()
        #expect(try await Migrator(files: project).migrate(connection).isEmpty)
        let status = try await Migrator(files: project).status(connection)
        #expect(status.allSatisfy { $0.appliedAt != nil })
        #expect(status.map(\.name) == project.map(\.name))
        await connection.close()
    }

    @Test func appliesANewMigrationOnceAndRecordsIt() async throws {
        let connection = try await TestDatabase.connect()
        let extra = MigrationFile(number: 9001, name: "9001_extra.sql", sql: "CREATE TABLE extra (id int);")
        let migrator = Migrator(files: project + [extra])
        #expect(try await migrator.status(connection).last?.appliedAt == nil)
        #expect(try await migrator.migrate(connection) == ["9001_extra.sql"])
        #expect(try await migrator.migrate(connection).isEmpty)
        #expect(try await migrator.status(connection).last?.appliedAt != nil)
        await connection.close()
    }

    @Test func changedAppliedFileIsAnErrorNamingIt() async throws {
        let connection = try await TestDatabase.connect()
        var files = project
        files[0] = MigrationFile(number: files[0].number, name: files[0].name, sql: files[0].sql + "\n-- edited\n")
        let error = try await #require(throws: MotCuaError.self) { try await Migrator(files: files).migrate(connection) }
        guard case .migrationChanged(let file, _, _) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(file == "0001_foundation.sql")
        #expect(error.description.contains("0001_foundation.sql"))
        await #expect(throws: MotCuaError.self) { try await Migrator(files: files).status(connection) }
        await connection.close()
    }

    @Test func missingAppliedFileIsAnError() async throws {
        let connection = try await TestDatabase.connect()
        let error = try await #require(throws: MotCuaError.self) { try await Migrator(files: [project[0]]).migrate(connection) }
        #expect(error == .migrationMissing(file: project[1].name))
        await connection.close()
    }

    @Test func failingMigrationLeavesNothingBehind() async throws {
        let connection = try await TestDatabase.connect()
        let broken = MigrationFile(number: 9002, name: "9002_broken.sql", sql: "CREATE TABLE half (id int); SELECT no_such_function();")
        let error = try await #require(throws: MotCuaError.self) { try await Migrator(files: project + [broken]).migrate(connection) }
        #expect(error.description.contains("9002_broken.sql"))
        let half: Bool = try await connection.query("SELECT to_regclass('half') IS NOT NULL AS present").single().decode("present")
        #expect(!half)
        await connection.close()
    }

    @Test func concurrentRunsOnAFreshDatabaseApplyEachMigrationOnce() async throws {
        let database = try await TestDatabase.createEmpty()
        let slow = MigrationFile(number: 9003, name: "9003_slow.sql", sql: "SELECT pg_sleep(0.3); CREATE TABLE slow (id int);")
        let migrator = Migrator(files: project + [slow])
        let results = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<2 {
                group.addTask {
                    let connection = try await Connection.connect(database.conninfo)
                    let applied = try await migrator.migrate(connection)
                    await connection.close()
                    return applied
                }
            }
            return try await group.reduce(into: [[String]]()) { $0.append($1) }
        }
        // One run applied everything, the other waited on the lock and found nothing to do.
        #expect(results.map(\.count).sorted() == [0, project.count + 1])
        let connection = try await Connection.connect(database.conninfo)
        #expect(try await connection.query("SELECT count(*) AS n FROM schema_migration").single().decode("n", as: Int.self) == project.count + 1)
        await connection.close()
        try await database.drop()
    }

    @Test func badFileNamesAreRejected() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "SELECT 1;".write(to: folder.appendingPathComponent("1_short.sql"), atomically: true, encoding: .utf8)
        #expect(throws: MotCuaError.self) { try MigrationFile.load(from: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("1_short.sql"))
        try "SELECT 1;".write(to: folder.appendingPathComponent("0001_a.sql"), atomically: true, encoding: .utf8)
        try "SELECT 1;".write(to: folder.appendingPathComponent("0001_b.sql"), atomically: true, encoding: .utf8)
        let error = try #require(throws: MotCuaError.self) { try MigrationFile.load(from: folder) }
        #expect(error.description.contains("0001_a.sql") && error.description.contains("0001_b.sql"))
    }
}
