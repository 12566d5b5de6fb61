import ArgumentParser
import Foundation
import Logging
import MotCua
import ServiceLifecycle

/// `motcua worker --department CODE`.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run the worker process of one department until SIGTERM or SIGINT.",
        discussion: "Exits 0 after a graceful shutdown; non-zero at start when the database is unreachable or not migrated, or the department is unknown.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The department code whose queue to serve, for example STC.")
    var department: String

    @Option(help: "How many work items to claim at once.")
    var batchSize = WorkerConfiguration.Defaults.batchSize

    @Option(help: "Seconds a claim stays valid before another worker may rescue the item.")
    var leaseSeconds = WorkerConfiguration.Defaults.leaseSeconds

    @Option(help: "Seconds between queue scans (and rescues of expired leases) when no notification arrives.")
    var scanInterval = WorkerConfiguration.Defaults.scanIntervalSeconds

    @Option(help: "How many items to work on at once, each on a connection of its own.")
    var concurrency = WorkerConfiguration.Defaults.concurrency

    @Option(help: "Hours completed items stay in the queue table before moving to history.")
    var retentionHours = WorkerConfiguration.Defaults.retentionHours

    @Option(help: "Milliseconds each automatic step takes before it completes, for drills and demos (a worker killed or paused mid-step); 0 completes at once.")
    var simulatedStepMs = 0

    func validate() throws {
        typealias Limits = WorkerConfiguration.Limits
        guard department.range(of: "^[A-Z][A-Z0-9_]{1,31}$", options: .regularExpression) != nil else {
            throw ValidationError("--department must be a department code in capitals, such as STC")
        }
        try check("--batch-size", batchSize, in: Limits.batchSize)
        try check("--lease-seconds", leaseSeconds, in: Limits.leaseSeconds)
        try check("--scan-interval", scanInterval, in: Limits.scanIntervalSeconds)
        try check("--concurrency", concurrency, in: Limits.concurrency)
        try check("--retention-hours", retentionHours, in: Limits.retentionHours)
        try check("--simulated-step-ms", simulatedStepMs, in: Limits.simulatedStepMilliseconds)
    }

    private func check<T: Comparable>(_ flag: String, _ value: T, in range: ClosedRange<T>) throws {
        guard range.contains(value) else { throw ValidationError("\(flag) must be between \(range.lowerBound) and \(range.upperBound)") }
    }

    func run() async throws {
        try await database.withConnection { _ in }
        let logger = Logger(label: "motcua.worker")
        let worker = DepartmentWorker(
            conninfo: try database.location.conninfo(),
            configuration: WorkerConfiguration(
                department: department, batchSize: batchSize, leaseSeconds: leaseSeconds,
                scanInterval: .milliseconds(Int(scanInterval * 1000)), concurrency: concurrency,
                retentionSeconds: retentionHours * 3600, simulatedStepDuration: .milliseconds(simulatedStepMs)),
            logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }
}
