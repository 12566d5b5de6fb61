import Foundation

/// Finds the project's `sql/` folder: `MOTCUA_SQL_DIR`, then upwards from the running binary
/// (a build inside the checkout), then upwards from this source file (tests, `swift run`).
public enum SQLDirectory {
    /// The `sql` folder, which holds `migrations/`.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        if let configured = environment["MOTCUA_SQL_DIR"], !configured.isEmpty {
            let url = URL(fileURLWithPath: configured)
            guard FileManager.default.fileExists(atPath: url.appendingPathComponent("migrations").path) else {
                throw MotCuaError.sqlDirectoryNotFound(searched: [url.path + " (MOTCUA_SQL_DIR)"])
            }
            return url
        }
        let starts = [
            URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent(),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent(),
        ]
        for start in starts {
            var folder = start
            while folder.path != "/" {
                let candidate = folder.appendingPathComponent("sql")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("migrations").path) { return candidate }
                folder.deleteLastPathComponent()
            }
        }
        throw MotCuaError.sqlDirectoryNotFound(searched: starts.map(\.path))
    }
}
