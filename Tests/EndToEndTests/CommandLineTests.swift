import Foundation
import Postgres
import TestSupport
import Testing

/// `motcua migrate` on the already-migrated test database.
@Suite(.database)
struct MigrateCommandTests {
    @Test func migratingAMigratedDatabaseChangesNothing() async throws {
        let result = try await MotcuaCLI.run(["migrate"], database: TestDatabase.database.conninfo)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("database is up to date"), "\(result)")
    }

    @Test func statusListsTheAppliedMigrations() async throws {
        let result = try await MotcuaCLI.run(["migrate", "--status", "--format", "json"], database: TestDatabase.database.conninfo)
        try #require(result.status == 0, "\(result)")
        let statuses = try MotcuaCLI.jsonDecoder.decode([MigrationStatusJSON].self, from: Data(result.stdout.utf8))
        let names = statuses.map(\.name)
        #expect(Array(names.prefix(2)) == ["0001_foundation.sql", "0002_seed_dong_nai_sample.sql"], "\(names)")
        // Every migration file of the checkout is listed, in order.
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../sql/migrations").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(names == files, "migrations in \(folder.path)")
        for status in statuses {
            #expect(status.appliedAt != nil, "\(status.name) is applied")
            let checksum = try #require(status.checksum, "\(status.name) has a checksum")
            #expect(checksum.count == 64 && checksum.allSatisfy(\.isHexDigit), "\(status.name): SHA-256 in hex, got \(checksum)")
        }
        let recorded = try await withTestConnection { try await $0.count("SELECT count(*) AS n FROM schema_migration") }
        #expect(recorded == statuses.count)
    }
}

/// `motcua report summary` in its three formats.
@Suite(.database)
struct ReportCommandTests {
    @Test func summaryIsPrintedAsCSVAndText() async throws {
        let database = TestDatabase.database.conninfo
        _ = try await MotcuaCLI.submit(procedure: Catalog.enterprise, database: database)
        _ = try await MotcuaCLI.submit(procedure: Catalog.certification, database: database)

        let csv = try await MotcuaCLI.run(["report", "summary", "--format", "csv"], database: database)
        #expect(csv.status == 0, "\(csv)")
        #expect(
            csv.stdout == """
                table,name,ready,claimed,assigned,needs_attention,completed,national_code,dossiers
                department,STC,1,0,0,0,0,,
                department,STP,1,0,0,0,0,,
                state,routed,,,,,,4,2

                """, "\(csv)")

        let text = try await MotcuaCLI.run(["report", "summary"], database: database)
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.contains("Work items by department") && text.stdout.contains("Dossiers by state"), "\(text)")
        #expect(text.stdout.contains("routed"), "\(text)")
    }

    @Test func emptyDatabaseHasAnEmptySummary() async throws {
        let summary = try await MotcuaCLI.summary(database: TestDatabase.database.conninfo)
        #expect(summary.departments.isEmpty)
        #expect(summary.states.isEmpty)
    }
}

/// `motcua worker` when the database cannot be reached at start.
@Suite
struct WorkerStartupTests {
    @Test func workerExitsNonZeroWhenTheDatabaseIsUnreachable() async throws {
        let result = try await MotcuaCLI.run(
            ["worker", "--department", "STC"], database: "postgresql://postgres@/nope?host=/nonexistent&port=1")
        #expect(result.status != 0 && result.status < 128, "exits with an error, not a signal: \(result)")
        #expect(result.stderr.contains("could not connect"), "\(result)")
        #expect(result.stderr.contains("/nonexistent"), "the message says where it tried: \(result)")
    }
}

/// A worker refuses to serve a department the catalog does not know (a typo would otherwise
/// serve an empty queue forever).
@Suite(.database)
struct WorkerDepartmentTests {
    @Test func workerExitsNonZeroForAnUnknownDepartment() async throws {
        let result = try await MotcuaCLI.run(["worker", "--department", "STCC"], database: TestDatabase.database.conninfo)
        #expect(result.status != 0 && result.status < 128, "\(result)")
        #expect(result.stderr.contains("department STCC is not in the catalog"), "\(result)")
    }

    @Test(arguments: [
        (["--batch-size", "0"], "--batch-size must be between 1 and 1000"),
        (["--concurrency", "65"], "--concurrency must be between 1 and 64"),
        (["--lease-seconds", "0.5"], "--lease-seconds must be between 1.0 and 86400.0"),
        (["--simulated-step-ms", "700000"], "--simulated-step-ms must be between 0 and 600000"),
    ])
    func workerRefusesOptionsOutOfRange(options: [String], message: String) async throws {
        let result = try await MotcuaCLI.run(["worker", "--department", "STP"] + options, database: TestDatabase.database.conninfo)
        #expect(result.status != 0 && result.status < 128, "\(result)")
        #expect(result.stderr.contains(message), "\(result)")
    }
}

/// `--help` of the command and of every subcommand.
@Suite
struct HelpTests {
    @Test(arguments: [
        [], ["demo"], ["db"], ["migrate"], ["intake", "submit"], ["track"], ["dossier", "show"], ["calendar", "show"], ["calendar", "set"], ["queue", "list"],
        ["queue", "stats"], ["queue", "retry"], ["queue", "release"], ["worker"], ["report", "summary"], ["bench", "client"], ["bench", "intake"],
        ["bench", "queue"],
    ])
    func helpExitsZero(command: [String]) async throws {
        let result = try await MotcuaCLI.run(command + ["--help"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("USAGE: motcua \(command.joined(separator: " "))"), "\(result)")
    }
}

/// `motcua calendar set` records a decision that `calendar show` then lists.
@Suite(.database)
struct CalendarCommandTests {
    @Test func aRecordedDecisionShowsInTheYear() async throws {
        let database = TestDatabase.database.conninfo
        let set = try await MotcuaCLI.run(
            ["calendar", "set", "2027-04-29", "--off", "--reason", "Nghỉ hoán đổi dịp 30/4", "--document", "TB 99/2027"], database: database)
        #expect(set.status == 0, "\(set)")
        let show = try await MotcuaCLI.run(["calendar", "show", "2027", "--format", "json"], database: database)
        #expect(show.status == 0, "\(show)")
        #expect(show.stdout.contains("2027-04-29") && show.stdout.contains("TB 99/2027"), "\(show)")
        let bad = try await MotcuaCLI.run(["calendar", "set", "2027-02-30", "--off", "--reason", "x", "--document", "y"], database: database)
        #expect(bad.status != 0 && bad.stderr.contains("YYYY-MM-DD"), "\(bad)")
    }
}

/// `motcua queue` as a supervisor runs it.
@Suite(.database)
struct QueueCommandTests {
    @Test func supervisorsListSeeStatsAndGetClearRefusals() async throws {
        let database = TestDatabase.database.conninfo
        let receipt = try await MotcuaCLI.submit(procedure: "2.000815", database: database)
        let list = try await MotcuaCLI.run(["queue", "--department", "STP", "--format", "json"], database: database)
        #expect(list.status == 0 && list.stdout.contains(receipt.dossierCode) && list.stdout.contains("\"state\" : \"ready\""), "\(list)")
        let stats = try await MotcuaCLI.run(["queue", "stats", "--format", "csv"], database: database)
        #expect(stats.status == 0 && stats.stdout.contains("STP,1,0,0,0,"), "\(stats)")
        let retry = try await MotcuaCLI.run(["queue", "retry", "999999", "--actor", "stp.lead"], database: database)
        #expect(retry.status == 1 && retry.stderr.contains("no live work item has the ID 999999"), "\(retry)")
        let anonymous = try await MotcuaCLI.run(["queue", "release", "1"], database: database)
        #expect(anonymous.status != 0 && anonymous.stderr.contains("--actor"), "\(anonymous)")
        let id = try #require(list.stdout.firstMatch(of: /"id" : (\d+)/)?.1)
        let ready = try await MotcuaCLI.run(["queue", "release", String(id), "--actor", "stp.lead"], database: database)
        #expect(ready.status == 1 && ready.stderr.contains("work item \(id) is ready"), "\(ready)")
    }

    @Test func supervisorsListByStateAndAreToldOfUnknownDepartmentsAndStates() async throws {
        let database = TestDatabase.database.conninfo
        let receipt = try await MotcuaCLI.submit(procedure: "2.000815", database: database)
        let ready = try await MotcuaCLI.run(["queue", "--department", "STP", "--state", "ready", "--format", "csv"], database: database)
        #expect(ready.status == 0 && ready.stdout.contains(receipt.dossierCode), "\(ready)")
        let attention = try await MotcuaCLI.run(["queue", "--department", "STP", "--state", "needs_attention", "--format", "csv"], database: database)
        #expect(attention.status == 0 && !attention.stdout.contains(receipt.dossierCode), "\(attention)")
        let badState = try await MotcuaCLI.run(["queue", "--department", "STP", "--state", "done"], database: database)
        #expect(badState.status != 0 && badState.stderr.contains("--state must be one of ready, claimed, assigned, needs_attention"), "\(badState)")
        let unknown = try await MotcuaCLI.run(["queue", "--department", "STPX"], database: database)
        #expect(unknown.status != 0 && unknown.stderr.contains("department STPX is not in the catalog"), "\(unknown)")
    }
}
