import Foundation
import Synchronization

/// A per-process cache whose entries are reloaded after `lifetime`, for reference data that
/// changes rarely (procedure versions, calendar decisions) and is read on every intake.
final class ExpiringCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let entries = Mutex<[Key: (value: Value, loaded: ContinuousClock.Instant)]>([:])
    private let lifetime: Duration

    init(lifetime: Duration = .seconds(60)) { self.lifetime = lifetime }

    /// The cached value for `key`, or what `load` returns (cached unless nil).
    func value(for key: Key, load: () async throws -> Value?) async throws -> Value? {
        let now = ContinuousClock.now
        if let cached = entries.withLock({ $0[key] }), now - cached.loaded < lifetime { return cached.value }
        guard let loaded = try await load() else { return nil }
        entries.withLock { $0[key] = (loaded, now) }
        return loaded
    }

    /// The cached value for `key`, or what `loading` returns (always cached).
    func value(for key: Key, loading: () async throws -> Value) async throws -> Value {
        let now = ContinuousClock.now
        if let cached = entries.withLock({ $0[key] }), now - cached.loaded < lifetime { return cached.value }
        let loaded = try await loading()
        entries.withLock { $0[key] = (loaded, now) }
        return loaded
    }
}
