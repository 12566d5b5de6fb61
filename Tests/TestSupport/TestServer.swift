import Foundation
import MotCua
import Postgres

/// The PostgreSQL server the tests use: `MOTCUA_TEST_DATABASE_URL` when set, otherwise a
/// throwaway cluster started for this test process in `/tmp` with durability off (`fsync=off`),
/// stopped and deleted by a watchdog as soon as the test process exits, however it exits.
///
/// Booted once, lazily, by the first test that asks for a database; a migrated template
/// database is made then, and every test clones it.
public struct TestServer: Sendable {
    /// The connection string of the server's maintenance database (`postgres`).
    public let adminConninfo: String
    /// The cluster, when the tests started their own (so tests may restart it).
    public let cluster: LocalCluster?
    /// The migrated template every test database is created from.
    public let templateName: String

    /// The shared server, booting it on first use.
    public static func shared() async throws -> TestServer { try await sharedBoot.value }

    /// The connection string of a database on this server.
    public func conninfo(database: String) -> String {
        ConnectionString.replacingDatabase(in: adminConninfo, with: database)
    }

    private static let sharedBoot = Task { try await boot() }

    private static func boot() async throws -> TestServer {
        let suffix = "\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        let admin: String
        var cluster: LocalCluster?
        if let url = ProcessInfo.processInfo.environment["MOTCUA_TEST_DATABASE_URL"], !url.isEmpty {
            admin = ConnectionString.replacingDatabase(in: url, with: "postgres")
        } else {
            let local = LocalCluster(directory: "/tmp/motcua-test-\(suffix)", port: 5432, binaries: try ServerBinaries.locate())
            try local.stopWhenProcessExits(getpid())
            try local.start(settings: [
                "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
                "max_connections": "300", "shared_buffers": "'128MB'",
            ])
            admin = local.url(database: "postgres")
            cluster = local
        }
        let template = "motcua_template_\(suffix)"
        let connection = try await Connection.connect(admin)
        try await connection.execute("CREATE DATABASE \(template)")
        await connection.close()
        let templateConnection = try await Connection.connect(ConnectionString.replacingDatabase(in: admin, with: template))
        try await Migrator.forProject().migrate(templateConnection)
        await templateConnection.close()
        return TestServer(adminConninfo: admin, cluster: cluster, templateName: template)
    }
}
