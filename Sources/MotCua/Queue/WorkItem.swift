/// A work item a worker has claimed: one step of one dossier, held under a lease.
public struct ClaimedWorkItem: Sendable, Equatable {
    /// The work item's ID.
    public let id: Int64
    /// The dossier the step belongs to.
    public let dossierID: Int64
    /// The step's position in the procedure's route (1-based).
    public let stepPosition: Int
    /// The department that owns the step.
    public let department: String
    /// The kind of step.
    public let kind: StepKind
    /// The fencing token of this claim; every write for the claim must present it.
    public let leaseToken: Int64
    /// How many times the item has been claimed, this claim included.
    public let attempts: Int
}
