import Postgres
import TestSupport
import Testing

@Suite(.database) struct PoolTests {
    @Test func runsWorkInParallelWithinItsSize() async throws {
        let pool = ConnectionPool(conninfo: TestDatabase.database.conninfo, size: 3)
        let pids = try await withThrowingTaskGroup(of: Int32.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    try await pool.withConnection { connection in
                        try await connection.query("SELECT pg_sleep(0.02)")
                        return await connection.backendPID
                    }
                }
            }
            return try await group.reduce(into: Set<Int32>()) { $0.insert($1) }
        }
        #expect(pids.count <= 3 && pids.count >= 1)
        await pool.close()
    }

    @Test func transactionsThroughThePool() async throws {
        let pool = ConnectionPool(conninfo: TestDatabase.database.conninfo, size: 2)
        try await pool.withConnection { try await $0.execute("CREATE TABLE p (v int)") }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for value in 0..<20 {
                group.addTask {
                    _ = try await pool.transaction { connection in
                        try connection.query("INSERT INTO p VALUES ($1)", [value]).affectedRows
                    }
                }
            }
            try await group.waitForAll()
        }
        let count = try await pool.withConnection { try await $0.query("SELECT count(*) AS n FROM p").single().decode("n", as: Int.self) }
        #expect(count == 20)
        await pool.close()
    }
}
