import Postgres

/// The items a worker holds, and their heartbeat: every third of the lease it extends the
/// leases of everything held, on a connection of its own so a long step never delays it.
actor LeaseKeeper {
    private var held: [Int64: ClaimedWorkItem] = [:]

    func hold(_ items: [ClaimedWorkItem]) { for item in items { held[item.id] = item } }
    func drop(_ item: ClaimedWorkItem) { held[item.id] = nil }
    func drop(_ items: [ClaimedWorkItem]) { for item in items { held[item.id] = nil } }
    var items: [ClaimedWorkItem] { Array(held.values) }

    /// Extends the held leases once; returns the items lost to a rescuer (they are dropped).
    func beat(leaseSeconds: Double, on connection: Connection) async throws -> [ClaimedWorkItem] {
        let current = Array(held.values)
        guard !current.isEmpty else { return [] }
        let lostIDs = try await connection.run { try WorkQueue.heartbeat(current, leaseSeconds: leaseSeconds, on: $0) }
        let lost = current.filter { lostIDs.contains($0.id) }
        for item in lost { held[item.id] = nil }
        return lost
    }
}
