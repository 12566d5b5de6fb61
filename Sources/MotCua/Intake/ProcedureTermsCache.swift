import CivilTime
import Foundation
import Postgres
import Synchronization

/// Procedure terms cached per process by code and Vietnamese day. A procedure version never
/// changes once loaded (changes make a new version), so the only staleness is a new version
/// loaded while the process runs; entries expire after `lifetime` to pick that up.
final class ProcedureTermsCache: Sendable {
    private struct Key: Hashable {
        let code: String
        let day: Int
    }

    private let entries = Mutex<[Key: (terms: ProcedureTerms, loaded: ContinuousClock.Instant)]>([:])
    private let lifetime: Duration

    init(lifetime: Duration = .seconds(60)) { self.lifetime = lifetime }

    /// The terms in force for `code` on the Vietnamese day of `at`, loading them when needed.
    func terms(code: String, at: Date, on connection: Connection) async throws -> ProcedureTerms? {
        let key = Key(code: code, day: Int(((at.timeIntervalSince1970 + 7 * 3600) / 86_400).rounded(.down)))
        let now = ContinuousClock.now
        if let cached = entries.withLock({ $0[key] }), now - cached.loaded < lifetime { return cached.terms }
        let loaded = try await connection.run { connection in try ProcedureTerms.load(code: code, at: at, on: connection) }
        if let loaded { entries.withLock { $0[key] = (loaded, now) } }
        return loaded
    }
}
