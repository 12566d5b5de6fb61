import Foundation

/// Where a command finds its database, in the documented order: `--database-url`, then
/// `MOTCUA_DATABASE_URL`, then libpq's own `PG*` variables, then the embedded cluster.
public enum DatabaseLocation: Sendable, Equatable {
    /// A URL or keyword string given explicitly (flag or `MOTCUA_DATABASE_URL`).
    case url(String)
    /// libpq's environment (`PGHOST`, `PGDATABASE`, `PGSERVICE`, …); the conninfo is empty.
    case libpqEnvironment
    /// The project's embedded cluster.
    case embedded

    /// libpq variables whose presence means "the operator configured a server this way".
    static let libpqVariables = ["PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE"]

    /// Resolves the location from an explicit URL (if any) and an environment.
    public static func resolve(explicitURL: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> DatabaseLocation {
        if let explicitURL, !explicitURL.isEmpty { return .url(explicitURL) }
        if let url = environment["MOTCUA_DATABASE_URL"], !url.isEmpty { return .url(url) }
        if libpqVariables.contains(where: { environment[$0]?.isEmpty == false }) { return .libpqEnvironment }
        return .embedded
    }

    /// The libpq connection string for this location; the embedded cluster must be running.
    public func conninfo() throws -> String {
        switch self {
        case .url(let url): return url
        case .libpqEnvironment: return ""
        case .embedded: return try EmbeddedDatabase.default().runningURL()
        }
    }
}
