import Foundation
import MotCua
import Postgres
import Testing

/// The database of the running test, created by the ``DatabaseTrait`` (`.database`).
public struct TestDatabase: Sendable {
    /// The database name.
    public let name: String
    /// Its connection string, for connections and for `motcua --database-url`.
    public let conninfo: String
    /// The server it lives on.
    public let server: TestServer

    @TaskLocal static var current: TestDatabase?

    /// The current test's database; the test must carry the `.database` trait.
    public static var database: TestDatabase {
        guard let current else { fatalError("this test has no database: add the .database trait to it or its suite") }
        return current
    }

    /// Opens a connection to the current test's database.
    public static func connect() async throws -> Connection {
        try await Connection.connect(database.conninfo)
    }

    private static let counter = Counter()

    static func create() async throws -> TestDatabase {
        let database = try await create(template: TestServer.shared().templateName)
        try await startSimulatedClock(conninfo: database.conninfo)
        return database
    }

    /// Sets the simulated clock of the migrated database at `conninfo` to `MOTCUA_TEST_START`,
    /// when that is set (for databases a test makes itself).
    public static func startSimulatedClock(conninfo: String) async throws {
        guard let start = try simulatedStart() else { return }
        let connection = try await Connection.connect(conninfo)
        try await DatabaseClock.simulate(at: start, on: connection)
        await connection.close()
    }

    /// `MOTCUA_TEST_START`, an ISO 8601 instant with its offset: when set, every test
    /// database's simulated clock starts there (and flows like real time); tests that need a
    /// particular instant set their own. Unset or empty: the server's time.
    public static func simulatedStart() throws -> Date? {
        guard let text = ProcessInfo.processInfo.environment["MOTCUA_TEST_START"], !text.isEmpty else { return nil }
        guard let start = ISO8601DateFormatter().date(from: text) else {
            throw TestSetupError("MOTCUA_TEST_START=\(text) is not an ISO 8601 instant with an offset, such as 2026-04-29T19:30:00+07:00")
        }
        return start
    }

    /// Creates a database with no schema at all (from `template0`); drop it with ``drop()``.
    public static func createEmpty() async throws -> TestDatabase {
        try await create(template: "template0")
    }

    private static func create(template: String) async throws -> TestDatabase {
        let server = try await TestServer.shared()
        let name = "test_\(getpid())_\(await counter.next())"
        let admin = try await Connection.connect(server.adminConninfo)
        try await admin.execute("CREATE DATABASE \(name) TEMPLATE \(template)")
        await admin.close()
        return TestDatabase(name: name, conninfo: server.conninfo(database: name), server: server)
    }

    /// Drops the database, disconnecting any session still in it.
    public func drop() async throws {
        let admin = try await Connection.connect(server.adminConninfo)
        try await admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        await admin.close()
    }
}

actor Counter {
    private var value = 0
    func next() -> Int {
        value += 1
        return value
    }
}

/// Gives each test (each case of a parameterised test) a fresh database cloned from the
/// migrated template, and drops it afterwards, also when the test fails.
public struct DatabaseTrait: TestTrait, SuiteTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        guard testCase != nil else { return try await function() }
        let database = try await TestDatabase.create()
        do {
            try await TestDatabase.$current.withValue(database) { try await function() }
        } catch {
            try? await database.drop()
            throw error
        }
        try await database.drop()
    }
}

extension Trait where Self == DatabaseTrait {
    /// Runs the test with a database of its own (see ``DatabaseTrait``).
    public static var database: DatabaseTrait { DatabaseTrait() }
}

/// A test environment that cannot be set up as asked.
public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
