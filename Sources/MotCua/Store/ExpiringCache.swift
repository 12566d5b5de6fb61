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
        if let cached = fresh(key) { return cached }
        guard let loaded = try await load() else { return nil }
        store(loaded, for: key)
        return loaded
    }

    /// The cached value for `key`, or what `loading` returns (always cached).
    func value(for key: Key, loading: () async throws -> Value) async throws -> Value {
        if let cached = fresh(key) { return cached }
        let loaded = try await loading()
        store(loaded, for: key)
        return loaded
    }

    private func fresh(_ key: Key) -> Value? {
        guard let cached = entries.withLock({ $0[key] }), ContinuousClock.now - cached.loaded < lifetime else { return nil }
        return cached.value
    }

    private func store(_ value: Value, for key: Key) {
        entries.withLock { $0[key] = (value, ContinuousClock.now) }
    }
}
