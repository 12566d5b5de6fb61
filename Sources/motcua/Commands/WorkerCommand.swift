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
    var batchSize = 16

    @Option(help: "Seconds a claim stays valid before another worker may rescue the item.")
    var leaseSeconds: Double = 60

    @Option(help: "Seconds between queue scans (and rescues of expired leases) when no notification arrives.")
    var scanInterval: Double = 5

    @Option(help: "How many items to work on at once, each on a connection of its own.")
    var concurrency = 1

    @Option(help: "Hours completed items stay in the queue table before moving to history.")
    var retentionHours: Double = 24

    @Option(help: "Milliseconds each automatic step takes before it completes, for drills and demos (a worker killed or paused mid-step); 0 completes at once.")
    var simulatedStepMs = 0

    func validate() throws {
        guard department.range(of: "^[A-Z][A-Z0-9_]{1,31}$", options: .regularExpression) != nil else {
            throw ValidationError("--department must be a department code in capitals, such as STC")
        }
        guard (1...1000).contains(batchSize) else { throw ValidationError("--batch-size must be between 1 and 1000") }
        guard leaseSeconds >= 1 else { throw ValidationError("--lease-seconds must be at least 1") }
        guard scanInterval > 0 else { throw ValidationError("--scan-interval must be positive") }
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 64") }
        guard retentionHours >= 0 else { throw ValidationError("--retention-hours must not be negative") }
        guard (0...600_000).contains(simulatedStepMs) else { throw ValidationError("--simulated-step-ms must be between 0 and 600000") }
    }

    func run() async throws {
        await (try await database.connectMigrated()).close()
        let logger = Logger(label: "motcua.worker")
        let worker = DepartmentWorker(
            conninfo: try database.location.conninfo(),
            configuration: WorkerConfiguration(
                department: department, batchSize: batchSize, leaseSeconds: leaseSeconds,
                scanInterval: .milliseconds(Int(scanInterval * 1000)), concurrency: concurrency,
                retentionSeconds: retentionHours * 3600, simulatedStepDuration: .milliseconds(simulatedStepMs)),
            logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
    }
}

