import Foundation

/// Edits of libpq connection strings (URLs and keyword strings alike).
public enum ConnectionString {
    /// The same connection string aimed at another database on the same server.
    ///
    /// For a `postgresql://` URL the path is replaced; for a keyword string (or the empty
    /// string, which means "from the PG* environment") a later `dbname=` is appended, which
    /// libpq lets override an earlier one.
    public static func replacingDatabase(in conninfo: String, with database: String) -> String {
        if conninfo.hasPrefix("postgresql://") || conninfo.hasPrefix("postgres://"),
            var components = URLComponents(string: conninfo)
        {
            components.percentEncodedPath =
                "/" + (database.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? database)
            if let url = components.string { return url }
        }
        let quoted = "'" + database.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
        return conninfo.isEmpty ? "dbname=\(quoted)" : "\(conninfo) dbname=\(quoted)"
    }

    /// The same connection string with a `fallback_application_name`: the name the session
    /// shows in `pg_stat_activity` unless the string (or `PGAPPNAME`) already sets one.
    public static func addingFallbackApplicationName(to conninfo: String, _ name: String) -> String {
        if conninfo.hasPrefix("postgresql://") || conninfo.hasPrefix("postgres://"),
            var components = URLComponents(string: conninfo)
        {
            components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "fallback_application_name", value: name)]
            if let url = components.string { return url }
        }
        let quoted = "'" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
        return conninfo.isEmpty ? "fallback_application_name=\(quoted)" : "\(conninfo) fallback_application_name=\(quoted)"
    }
}
