/// Where one step of one dossier stands in its department's queue.
public enum WorkItemState: String, Sendable, Codable, CaseIterable {
    /// Waiting to be claimed (from `available_at` on).
    case ready
    /// Held by a worker under a lease with a fencing token.
    case claimed
    /// In an officer's inbox (review or signature).
    case assigned
    /// Put aside for a supervisor: attempts used up, or no officer to assign it to.
    case needsAttention = "needs_attention"
    /// Done; moved to `work_item_history` after the retention period.
    case completed

    /// The states of live work, which a supervisor can list by.
    public static let live: [WorkItemState] = [.ready, .claimed, .assigned, .needsAttention]
}
