import Foundation

/// Where the PostgreSQL server programs (`initdb`, `pg_ctl`, `postgres`) are installed.
public struct ServerBinaries: Sendable {
    /// The folder holding `initdb`, `pg_ctl` and `postgres`.
    public let directory: String

    /// The path of one of the server programs.
    public func path(_ program: String) -> String { directory + "/" + program }

    /// Finds the server programs: `pg_config --bindir` first, then the newest
    /// `/usr/lib/postgresql/*/bin` (Debian's layout), then Homebrew's prefixes.
    public static func locate() throws -> ServerBinaries {
        var candidates: [String] = []
        for pgConfig in ["/usr/bin/pg_config", "/usr/local/bin/pg_config", "/opt/homebrew/bin/pg_config"]
        where FileManager.default.isExecutableFile(atPath: pgConfig) {
            if let outcome = try? ChildProcess.run(pgConfig, ["--bindir"]), outcome.status == 0 {
                candidates.append(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        let debianRoot = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: debianRoot)) ?? []
        candidates += versions.compactMap(Int.init).sorted(by: >).map { "\(debianRoot)/\($0)/bin" }
        candidates += ["/opt/homebrew/bin", "/usr/local/bin"]
        for directory in candidates
        where ["initdb", "pg_ctl", "postgres"].allSatisfy({
            FileManager.default.isExecutableFile(atPath: directory + "/" + $0)
        }) {
            return ServerBinaries(directory: directory)
        }
        throw PostgresError(
            kind: .misuse,
            message: """
                PostgreSQL server programs (initdb, pg_ctl, postgres) were not found via pg_config --bindir, \
                /usr/lib/postgresql/*/bin or Homebrew. Install them: `apt-get install postgresql` (Debian, Ubuntu) \
                or `brew install postgresql@16` (macOS); or point MOTCUA_DATABASE_URL at an existing server.
                """)
    }
}
