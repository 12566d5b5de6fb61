import Foundation
import TestSupport
import Testing

/// `motcua bench queue` end to end at its smallest size: it runs real worker processes, the
/// worker's statements and the raw loop through pgbench, and the pickup samples, then prints
/// every figure and drops its database. Checks that the figures exist, never their values.
@Suite(.database) struct BenchQueueTests {
    @Test func theSmallestRunPrintsEveryFigure() async throws {
        let result = try await MotcuaCLI.run(
            ["bench", "queue", "--rounds", "1", "--seconds", "1", "--batch-sizes", "10", "--workers", "1", "--samples", "20", "--format", "csv"],
            database: TestDatabase.database.conninfo, timeout: .seconds(180))
        try #require(result.status == 0, "\(result)")
        let rows = result.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["measure", "batch_size", "workers", "ours", "raw", "ratio"])
        for measure in ["items_per_second", "statements_items_per_second"] {
            let row = try #require(rows.first { $0.first == measure }, "\(measure) is printed\n\(result)")
            #expect(row[1] == "10" && row[2] == "1")
            #expect((Double(row[3]) ?? 0) > 0 && (Double(row[4]) ?? 0) > 0, "\(row)")
        }
        for measure in ["pickup_from_commit_p50_ms", "pickup_from_commit_p99_ms"] {
            #expect(rows.contains { $0.first == measure }, "\(measure) is printed\n\(result)")
        }
        let databases = try await withTestConnection { connection in
            try await connection.count("SELECT count(*) AS n FROM pg_database WHERE datname LIKE 'motcua_bench_queue_%'")
        }
        #expect(databases == 0, "the benchmark's database is dropped")
    }
}
