import Postgres
import TestSupport
import Testing

@Suite(.database) struct TransactionTests {
    struct Boom: Error {}

    @Test func commitsWhenTheBodyReturns() async throws {
        let connection = try await TestDatabase.connect()
        try await connection.execute("CREATE TABLE t (v int)")
        let inserted = try await connection.transaction { connection in
            try connection.query("INSERT INTO t VALUES ($1), ($2)", [1, 2]).affectedRows
        }
        #expect(inserted == 2)
        #expect(try await connection.query("SELECT count(*) AS n FROM t").single().decode("n", as: Int.self) == 2)
        await connection.close()
    }

    @Test func rollsBackWhenTheBodyThrows() async throws {
        let connection = try await TestDatabase.connect()
        try await connection.execute("CREATE TABLE t (v int)")
        await #expect(throws: Boom.self) {
            try await connection.transaction { connection in
                try connection.query("INSERT INTO t VALUES ($1)", [1])
                throw Boom()
            }
        }
        #expect(try await connection.query("SELECT count(*) AS n FROM t").single().decode("n", as: Int.self) == 0)
        await connection.close()
    }

    @Test func aCaughtStatementErrorStillRollsBack() async throws {
        let connection = try await TestDatabase.connect()
        try await connection.execute("CREATE TABLE t (v int PRIMARY KEY)")
        let error = try await #require(throws: PostgresError.self) {
            try await connection.transaction { connection in
                try connection.query("INSERT INTO t VALUES ($1)", [1])
                _ = try? connection.query("INSERT INTO t VALUES ($1)", [1])
            }
        }
        #expect(error.message.contains("rolled back"))
        #expect(try await connection.query("SELECT count(*) AS n FROM t").single().decode("n", as: Int.self) == 0)
        await connection.close()
    }

    @Test(arguments: [IsolationLevel.readCommitted, .repeatableRead, .serializable])
    func isolationLevelIsApplied(_ level: IsolationLevel) async throws {
        let connection = try await TestDatabase.connect()
        let shown = try await connection.transaction(level) { connection in
            try connection.query("SHOW transaction_isolation").single().decode(at: 0, as: String.self)
        }
        #expect(shown.uppercased() == level.rawValue)
        await connection.close()
    }

    @Test func nestedTransactionsAreRefused() async throws {
        let connection = try await TestDatabase.connect()
        let error = try await #require(throws: PostgresError.self) {
            try await connection.transaction { connection in
                try connection.transaction { _ in 1 }
            }
        }
        #expect(error.kind == .misuse)
        await connection.close()
    }

    @Test func serializableConflictIsRetryable() async throws {
        let a = try await TestDatabase.connect()
        let b = try await TestDatabase.connect()
        try await a.execute("CREATE TABLE c (id int PRIMARY KEY, v int); INSERT INTO c VALUES (1, 0)")
        try await a.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
        try await a.query("SELECT v FROM c WHERE id = $1", [1])
        try await b.query("UPDATE c SET v = v + 1 WHERE id = $1", [1])
        let error = try await #require(throws: PostgresError.self) {
            try await a.query("UPDATE c SET v = v + 10 WHERE id = $1", [1])
        }
        #expect(error.isRetryableConflict)
        try await a.execute("ROLLBACK")
        await a.close()
        await b.close()
    }
}
