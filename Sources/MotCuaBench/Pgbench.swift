import Foundation
import MotCua
import Postgres

/// Runs `pgbench` (from the server's bin folder, or PATH) with a custom script against the
/// same database: the raw baseline every benchmark compares against.
public struct Pgbench: Sendable {
    /// The pgbench program.
    public let path: String

    /// Finds pgbench next to the server programs, or in the usual bin folders.
    public static func locate() throws -> Pgbench {
        var candidates = ["/usr/bin/pgbench", "/usr/local/bin/pgbench", "/opt/homebrew/bin/pgbench"]
        if let binaries = try? ServerBinaries.locate() { candidates.insert(binaries.path("pgbench"), at: 0) }
        guard let found = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw BenchmarkError(benchmark: "pgbench", reason: "not found; install the postgresql-client package (Debian) or postgresql (Homebrew)")
        }
        return Pgbench(path: found)
    }

    /// Runs `script` with `clients` connections for `seconds` and returns transactions per
    /// second (pgbench's "without initial connection time" figure); `settings` are given to
    /// every session through `PGOPTIONS`.
    public func transactionsPerSecond(
        script: String, clients: Int, seconds: Int, conninfo: String, settings: [(name: String, value: String)] = []
    ) throws -> Double {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-bench-\(UUID().uuidString).sql")
        try script.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let arguments = ["-n", "-M", "prepared", "-c", String(clients), "-j", String(clients), "-T", String(seconds), "-f", file.path, conninfo]
        var environment = ProcessInfo.processInfo.environment
        if !settings.isEmpty { environment["PGOPTIONS"] = settings.map { "-c \($0.name)=\($0.value)" }.joined(separator: " ") }
        let (status, output) = try ChildProcess.run(path, arguments, environment: environment)
        guard status == 0,
            let line = output.split(separator: "\n").first(where: { $0.hasPrefix("tps = ") }),
            let value = Double(line.dropFirst(6).prefix { $0 != " " })
        else {
            throw BenchmarkError(benchmark: "pgbench", reason: "failed (exit \(status)): \(output.suffix(400))")
        }
        return value
    }
}
