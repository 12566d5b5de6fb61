import Foundation
import Postgres

/// The project's own PostgreSQL cluster: the default database when none is configured.
///
/// It lives in `.motcua/postgres` under the current folder (or `MOTCUA_HOME`). When the tool
/// runs as root and the `postgres` user cannot reach that folder (a checkout under `/root`), the
/// cluster is placed in `/tmp/motcua-<hash>/postgres` instead; ``directory`` says which.
public struct EmbeddedDatabase: Sendable {
    /// The database MotCua uses inside the cluster.
    public static let databaseName = "motcua"
    /// The cluster.
    public let cluster: LocalCluster

    /// The cluster folder in use.
    public var directory: String { cluster.directory }

    /// The embedded database of the current project folder.
    public static func `default`(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> EmbeddedDatabase {
        let home = environment["MOTCUA_HOME"] ?? FileManager.default.currentDirectoryPath + "/.motcua"
        return EmbeddedDatabase(cluster: LocalCluster(directory: placement(for: home), port: port(for: home), binaries: try ServerBinaries.locate()))
    }

    /// Creates an embedded database over a given cluster.
    public init(cluster: LocalCluster) { self.cluster = cluster }

    /// Starts the cluster (initialising it on first use) and creates the `motcua` database.
    /// Settings are durable PostgreSQL defaults unless `settings` overrides them.
    public func start(settings: [String: String] = [:]) async throws {
        try cluster.start(settings: settings)
        let admin = try await Connection.connect(cluster.url(database: "postgres"))
        let exists = try await admin.query(Self.databaseExistsStatement, [Self.databaseName])
        if exists.isEmpty {
            try await admin.execute("CREATE DATABASE \(try await admin.quoteIdentifier(Self.databaseName))")
        }
        await admin.close()
    }

    /// `$1` database name (run in the cluster's `postgres` database).
    static let databaseExistsStatement = "SELECT 1 FROM pg_database WHERE datname = $1"

    /// Stops the cluster.
    public func stop() throws { try cluster.stop() }

    /// The URL of the `motcua` database, or an error telling how to start the cluster.
    public func runningURL() throws -> String {
        guard try cluster.state() == .running else {
            throw MotCuaError.databaseNotConfigured(directory: directory)
        }
        return cluster.url(database: Self.databaseName)
    }

    /// `home/postgres`, unless the server user cannot reach `home` (see the type's summary).
    static func placement(for home: String) -> String {
        let parent = (home as NSString).deletingLastPathComponent
        if LocalCluster.isReachableByServer(parent), (home + "/postgres/socket/.s.PGSQL.65535").utf8.count < 100 {
            return home + "/postgres"
        }
        return NSTemporaryDirectory().trimmingSuffix("/") + "/motcua-\(stableHash(home))/postgres"
    }

    /// A port in 20000–39999 derived from the folder, so two checkouts never share a socket name.
    static func port(for home: String) -> Int { 20_000 + Int(stableHash(home) % 20_000) }

    static func stableHash(_ text: String) -> UInt64 {
        text.utf8.reduce(14_695_981_039_346_656_037 as UInt64) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
