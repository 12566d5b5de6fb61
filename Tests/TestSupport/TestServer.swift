import Foundation
import MotCua
import Postgres

/// The PostgreSQL server the tests use: `MOTCUA_TEST_DATABASE_URL` when set, otherwise a
/// throwaway cluster started for this test process in `/tmp` with durability off (`fsync=off`),
/// stopped and deleted by a watchdog as soon as the test process exits, however it exits.
///
/// Booted once, lazily, by the first test that asks for a database. Every test clones a
/// migrated template named after the migrations' checksum, so on a shared server it is built
/// once per schema version and reused by later runs.
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
        let template = try await migratedTemplate(admin: admin)
        return TestServer(adminConninfo: admin, cluster: cluster, templateName: template)
    }

    /// The template for the current migrations, built under an advisory lock so concurrent test
    /// processes build it once; a template left half-built by a crash (no `ready` comment) is
    /// rebuilt.
    private static func migratedTemplate(admin: String) async throws -> String {
        let migrator = try Migrator.forProject()
        let connection = try await Connection.connect(admin)
        let checksum: String = try await connection.query(
            "SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex') AS c", [migrator.files.map(\.sql).joined(separator: "\u{1E}")]
        ).single().decode("c")
        let template = "motcua_template_" + checksum.prefix(16)
        try await connection.query("SELECT pg_advisory_lock($1)", [Int64(0x6D63_7465_7374)])
        let ready: Bool = try await connection.query(
            "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1 AND shobj_description(oid, 'pg_database') = 'ready') AS ready",
            [template]
        ).single().decode("ready")
        if !ready {
            try await connection.execute("DROP DATABASE IF EXISTS \(template)")
            try await connection.execute("CREATE DATABASE \(template)")
            let templateConnection = try await Connection.connect(ConnectionString.replacingDatabase(in: admin, with: template))
            try await migrator.migrate(templateConnection)
            await templateConnection.close()
            try await connection.execute("COMMENT ON DATABASE \(template) IS 'ready'")
        }
        try await connection.query("SELECT pg_advisory_unlock($1)", [Int64(0x6D63_7465_7374)])
        await connection.close()
        return template
    }
}
