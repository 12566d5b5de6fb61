import Foundation
import MotCua
import Postgres

/// Helpers shared by the benchmarks: medians of interleaved rounds and the server settings
/// that a figure only means something next to.
public enum BenchmarkSampling {
    /// The median of a non-empty list.
    public static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The settings that decide commit cost, read from the server under test.
    public static let reportedSettings = [
        "server_version", "fsync", "synchronous_commit", "wal_sync_method", "full_page_writes",
        "shared_buffers", "max_connections",
    ]

    /// The ``reportedSettings`` of the server `connection` talks to, by name.
    static func settings(on connection: Connection) async throws -> [String: String] {
        var settings: [String: String] = [:]
        for name in reportedSettings {
            settings[name] = try await connection.query("SELECT current_setting($1) AS v", [name]).single().decode("v")
        }
        return settings
    }
}
