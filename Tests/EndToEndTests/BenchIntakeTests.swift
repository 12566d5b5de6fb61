import Foundation
import TestSupport
import Testing

/// `motcua bench intake` end to end at its smallest size: pgbench's INSERT and INSERT+NOTIFY,
/// then real intake processes, on the benchmark's own simulated business day, whatever the day
/// and hour the suite runs (it once failed on every run: its submissions fell before the
/// previous working day and needed a late-entry reason). Checks that the figures exist, never
/// their values.
@Suite(.database) struct BenchIntakeTests {
    @Test func theSmallestRunPrintsEveryFigureOnItsOwnBusinessDay() async throws {
        let result = try await MotcuaCLI.run(
            ["bench", "intake", "--rounds", "1", "--seconds", "1", "--concurrency", "1,2", "--format", "csv"],
            database: TestDatabase.database.conninfo, timeout: .seconds(180))
        try #require(result.status == 0, "\(result)")
        let rows = result.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["clients", "intake/s", "INSERT/s", "INSERT+NOTIFY/s", "intake÷INSERT"], "\(result)")
        #expect(rows.dropFirst().map(\.first) == ["1", "2"], "\(result)")
        for row in rows.dropFirst() {
            #expect(row.count == 5 && row[1...3].allSatisfy { (Double($0) ?? 0) > 0 }, "\(row)")
        }
        let databases = try await withTestConnection { connection in
            try await connection.count("SELECT count(*) AS n FROM pg_database WHERE datname ~ '^motcua_bench_[0-9]+$'")
        }
        #expect(databases == 0, "the benchmark's database is dropped")
    }
}
