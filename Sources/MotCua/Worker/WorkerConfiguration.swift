import Foundation

/// How a department worker runs. The defaults and the allowed ranges of every setting are
/// defined here once; `motcua worker` takes its flags' defaults and checks from them.
public struct WorkerConfiguration: Sendable {
    /// The department whose queue the worker serves.
    public var department: String
    /// The worker's identity, recorded as `claimed_by` and as the actor of its events.
    public var workerID: String
    /// How many items it claims at once.
    public var batchSize: Int
    /// How long a claim stays valid before a rescuer may take the item back, in seconds.
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

    /// The defaults.
    public enum Defaults {
        public static let batchSize = 16
        public static let leaseSeconds: Double = 60
        public static let scanIntervalSeconds: Double = 5
        public static let concurrency = 1
        public static let retentionHours: Double = 24
    }

    /// The allowed ranges.
    public enum Limits {
        public static let batchSize = 1...1000
        public static let leaseSeconds: ClosedRange<Double> = 1...86_400
        public static let scanIntervalSeconds: ClosedRange<Double> = 0.01...3600
        public static let concurrency = 1...64
        public static let retentionHours: ClosedRange<Double> = 0...87_600
        public static let simulatedStepMilliseconds = 0...600_000
    }

    /// Creates a configuration; the worker ID defaults to `<department>@<host>:<pid>`.
    public init(
        department: String, workerID: String? = nil, batchSize: Int = Defaults.batchSize, leaseSeconds: Double = Defaults.leaseSeconds,
        scanInterval: Duration = .milliseconds(Int(Defaults.scanIntervalSeconds * 1000)), concurrency: Int = Defaults.concurrency,
        retentionSeconds: Double = Defaults.retentionHours * 3600, simulatedStepDuration: Duration = .zero
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
