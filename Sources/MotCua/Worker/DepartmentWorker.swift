import Logging
import Postgres
import ServiceLifecycle

/// The worker process of one department: it waits on the department's NOTIFY channel, claims
/// ready work items, and completes their steps.
///
/// Notifications are only a doorbell. On start and after every reconnect the worker LISTENs
/// first and then scans the queue, and it scans again every `scanInterval` even when no bell
/// rang, so a lost notification only delays work. On graceful shutdown (SIGTERM, SIGINT) it
/// stops claiming, finishes the steps it holds, and returns.
public struct DepartmentWorker: Service {
    private let conninfo: String
    private let configuration: WorkerConfiguration
    private let logger: Logger

    /// Creates a worker that connects with `conninfo`.
    public init(conninfo: String, configuration: WorkerConfiguration, logger: Logger = Logger(label: "motcua.worker")) {
        self.conninfo = conninfo
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "department"] = .string(configuration.department)
        self.logger = logger
    }

    /// Runs until graceful shutdown; throws only at start: database unreachable, or no such
    /// department.
    public func run() async throws {
        let channel = QueueChannel.name(department: configuration.department)
        let listener = try await Connection.connect(conninfo, logger: logger)
        let connection = try await Connection.connect(conninfo, logger: logger)
        let known = try await connection.query("SELECT 1 FROM department WHERE code = $1", [configuration.department])
        guard !known.isEmpty else { throw MotCuaError.unknownDepartment(code: configuration.department) }
        try await listener.listen(channel)
        logger.info("worker started", metadata: ["worker": .string(configuration.workerID)])
        var completed = 0
        await withGracefulShutdownHandler {
            var mustListen = false
            var backoff = Duration.milliseconds(100)
            while !Task.isShuttingDownGracefully {
                do {
                    if mustListen {
                        try await listener.listen(channel)
                        mustListen = false
                        logger.info("listening again after reconnect")
                    }
                    completed += try await drain(connection)
                    backoff = .milliseconds(100)
                    if Task.isShuttingDownGracefully { break }
                    _ = try await listener.notifications(timeout: configuration.scanInterval)
                } catch let error as PostgresError where error.isConnectionProblem {
                    logger.warning("database unavailable; retrying", metadata: ["error": .string(error.message), "retry_in": .string("\(backoff)")])
                    mustListen = true
                    try? await Task.sleep(for: backoff)
                    backoff = min(backoff * 2, .seconds(5))
                } catch {
                    logger.error("step failed; retrying", metadata: ["error": .string("\(error)"), "retry_in": .string("\(backoff)")])
                    try? await Task.sleep(for: backoff)
                    backoff = min(backoff * 2, .seconds(5))
                }
            }
        } onGracefulShutdown: {
            listener.interruptWait()
        }
        await listener.close()
        await connection.close()
        logger.info("worker stopped", metadata: ["completed": .stringConvertible(completed)])
    }

    /// Claims and completes batches until the queue has no ready item (or shutdown begins).
    private func drain(_ connection: Connection) async throws -> Int {
        var completed = 0
        while !Task.isShuttingDownGracefully {
            let configuration = self.configuration
            let batch = try await connection.transaction { connection in
                try WorkQueue.claim(
                    department: configuration.department, limit: configuration.batchSize,
                    worker: configuration.workerID, leaseSeconds: configuration.leaseSeconds, on: connection)
            }
            var doorbell = Doorbell()
            for item in batch {
                switch try await StepCompletion.complete(item, actor: configuration.workerID, on: connection) {
                case .staleLease:
                    logger.warning("lease lost before completion; the item belongs to another worker now", metadata: ["work_item": .stringConvertible(item.id)])
                case .routed(let next):
                    doorbell.note([next])
                    completed += 1
                case .resolved:
                    completed += 1
                }
            }
            try await doorbell.ring(on: connection, force: true)
            if batch.count < configuration.batchSize { break }
        }
        return completed
    }
}
