import Foundation

/// How a department worker runs.
public struct WorkerConfiguration: Sendable {
    /// The department whose queue the worker serves.
    public var department: String
    /// The worker's identity, recorded as `claimed_by` and as the actor of its events.
    public var workerID: String
    /// How many items it claims at once.
    public var batchSize: Int
    /// How long a claim stays valid before a rescuer may take the item back.
    public var leaseSeconds: Double
    /// How often it scans the queue when no notification arrives (the safety net); also how
    /// often it looks for expired leases to rescue.
    public var scanInterval: Duration
    /// How many items it works on at once, each on a connection of its own.
    public var concurrency: Int
    /// How long completed items stay in the hot table before moving to history, in seconds.
    public var retentionSeconds: Double
    /// How long each automatic step takes before it completes, to stand in for the outside
    /// work of a real step in drills and demos (a worker killed or paused in the middle of a
    /// step); zero, the default, completes at once.
    public var simulatedStepDuration: Duration

    /// Creates a configuration; the worker ID defaults to `<department>@<host>:<pid>`.
    public init(
        department: String, workerID: String? = nil, batchSize: Int = 16, leaseSeconds: Double = 60,
        scanInterval: Duration = .seconds(5), concurrency: Int = 1, retentionSeconds: Double = 86_400,
        simulatedStepDuration: Duration = .zero
    ) {
        self.simulatedStepDuration = simulatedStepDuration
        self.concurrency = max(1, concurrency)
        self.retentionSeconds = retentionSeconds
        self.department = department
        self.workerID = workerID ?? "\(department)@\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
        self.batchSize = batchSize
        self.leaseSeconds = leaseSeconds
        self.scanInterval = scanInterval
    }
}
