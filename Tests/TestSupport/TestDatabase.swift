import Foundation
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
        try await create(template: TestServer.shared().templateName)
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
