import Foundation
import Postgres
import TestSupport
import Testing

@Suite(.database) struct ErrorTests {
    @Test func uniqueViolationCarriesSQLStateAndConstraint() async throws {
        let connection = try await TestDatabase.connect()
        try await connection.execute("CREATE TABLE t (k text CONSTRAINT t_k_unique UNIQUE)")
        try await connection.query("INSERT INTO t VALUES ($1)", ["a"])
        let error = try await #require(throws: PostgresError.self) {
            try await connection.query("INSERT INTO t VALUES ($1)", ["a"])
        }
        #expect(error.kind == .server)
        #expect(error.sqlState == "23505")
        #expect(error.isUniqueViolation)
        #expect(error.constraint == "t_k_unique")
        #expect(error.table == "t")
        #expect(error.detail != nil)
        #expect(!error.isConnectionProblem)
        #expect(!error.description.contains("(k)=(a)"), "values in DETAIL never reach messages: \(error)")
        // The connection is still usable after a statement error.
        #expect(try await connection.query("SELECT count(*) AS n FROM t").single().decode("n", as: Int.self) == 1)
        await connection.close()
    }

    @Test func syntaxErrorAndMissingTable() async throws {
        let connection = try await TestDatabase.connect()
        let syntax = try await #require(throws: PostgresError.self) { try await connection.query("SELEC 1") }
        #expect(syntax.sqlState == "42601")
        let missing = try await #require(throws: PostgresError.self) { try await connection.query("SELECT * FROM no_such_table") }
        #expect(missing.sqlState == "42P01")
        await connection.close()
    }

    @Test func connectionFailureIsClear() async throws {
        let error = try await #require(throws: PostgresError.self) {
            try await Connection.connect("postgresql://postgres@/nope?host=/nonexistent-motcua&port=1")
        }
        #expect(error.kind == .connectionFailed)
        #expect(error.isConnectionProblem)
        #expect(error.message.contains("could not connect"))
    }

    @Test func closedConnectionRefusesUse() async throws {
        let connection = try await TestDatabase.connect()
        await connection.close()
        let error = try await #require(throws: PostgresError.self) { try await connection.query("SELECT 1") }
        #expect(error.kind == .misuse)
    }

    @Test func preparedStatementSurvivesSchemaChangeAfterOneError() async throws {
        let connection = try await TestDatabase.connect()
        try await connection.execute("CREATE TABLE s (a int)")
        try await connection.query("SELECT * FROM s WHERE a = $1", [1])
        try await connection.execute("ALTER TABLE s ADD COLUMN b int")
        // PostgreSQL may refuse the cached plan once; the next call re-prepares.
        _ = try? await connection.query("SELECT * FROM s WHERE a = $1", [1])
        let rows = try await connection.query("SELECT * FROM s WHERE a = $1", [1])
        #expect(rows.columns.map(\.name) == ["a", "b"])
        await connection.close()
    }
}

@Suite(.database) struct ConnectionStringTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["MOTCUA_TEST_DATABASE_URL"] == nil, "needs the tests' own cluster"))
    func keywordStringsConnectLikeURLs() async throws {
        let database = TestDatabase.database
        let cluster = try #require(database.server.cluster, "needs the tests' own cluster to know its socket")
        let keywords = "host='\(cluster.socketDirectory)' port=\(cluster.port) user=\(cluster.superuser) dbname=\(database.name) application_name=motcua_test"
        let connection = try await Connection.connect(keywords)
        let row = try await connection.query("SELECT current_database() AS db, current_setting('application_name') AS app").single()
        #expect(try row.decode("db", as: String.self) == database.name)
        #expect(try row.decode("app", as: String.self) == "motcua_test")
        await connection.close()
    }
}
