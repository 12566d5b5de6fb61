import Foundation
import Logging
import Postgres
import ServiceLifecycle

/// The worker process of one department: it waits on the department's NOTIFY channel, claims
/// ready work items, runs automatic steps under their leases and hands review and signature
/// steps to officers.
///
/// Notifications are only a doorbell. On start and after every reconnect the worker LISTENs
/// first and then scans the queue, and it scans again every `scanInterval` even when no bell
/// rang, so a lost notification only delays work.
///
/// Its chores are child tasks of one structured task group beside the claiming loop, each on
/// a schedule of its own and (but the listener check) on a connection of its own: the
/// heartbeat extends held leases every third of the lease; the rescuer takes back items whose
/// lease expired every `scanInterval` and rings the department when it did; the listener's
/// connection is checked with a round trip every 30 seconds; the counters are flushed to
/// `worker_stats` every 5 seconds, which also prunes the rows of workers that stopped long
/// ago; completed items move to history every minute.
///
/// On graceful shutdown (SIGTERM, SIGINT) it stops claiming, finishes the steps in progress
/// (their leases still extended), gives back claimed items it had not started without counting
/// an attempt, removes its `worker_stats` row and returns. Cancelled, it stops the same way but
/// abandons steps in progress at once (given back, fenced), within a moment.
public struct DepartmentWorker: Service {
    let conninfo: String
    let configuration: WorkerConfiguration
    let logger: Logger

    /// How often the listener's connection is checked with a round trip.
    static let listenerCheckInterval = Duration.seconds(30)
    /// How often the counters are flushed (and stale workers' rows pruned).
    static let countersInterval = Duration.seconds(5)
    /// How often completed items past the retention period move to history.
    static let archiveInterval = Duration.seconds(60)

    /// Creates a worker that connects with `conninfo`.
    public init(conninfo: String, configuration: WorkerConfiguration, logger: Logger = Logger(label: "motcua.worker")) {
        self.conninfo = ConnectionString.addingFallbackApplicationName(to: conninfo, "motcua worker \(configuration.department)")
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "department"] = .string(configuration.department)
        logger[metadataKey: "worker"] = .string(configuration.workerID)
        self.logger = logger
    }

    /// Runs until graceful shutdown or cancellation; throws only at start: database
    /// unreachable, or no such department.
    public func run() async throws {
        let channel = QueueChannel.name(department: configuration.department)
        let listener = try await Connection.connect(conninfo, logger: logger)
        let control = try await Connection.connect(conninfo, settings: WorkQueue.claimingSessionSettings, logger: logger)
        let maintenance = try await Connection.connect(conninfo, logger: logger)
        let heartbeat = try await Connection.connect(conninfo, logger: logger)
        let steps = ConnectionPool(conninfo: conninfo, size: configuration.concurrency, logger: logger)
        let counters = WorkerCounters(worker: configuration.workerID, department: configuration.department)
        let keeper = LeaseKeeper()
        do {
            try await CatalogReader.requireDepartment(configuration.department, on: control)
            try await listener.listen(channel)
            logger.info("worker started", metadata: ["concurrency": .stringConvertible(configuration.concurrency)])
            await withGracefulShutdownHandler {
                await withDiscardingTaskGroup { chores in
                    chores.addTask { await keepLeases(keeper, on: heartbeat) }
                    chores.addTask { await rescueExpired(counters: counters, on: maintenance) }
                    chores.addTask { await checkListener(listener) }
                    chores.addTask { await flushCounters(counters, on: maintenance) }
                    chores.addTask { await archiveCompleted(on: maintenance) }
                    await serve(listener: listener, control: control, steps: steps, counters: counters, keeper: keeper)
                    chores.cancelAll()
                }
            } onGracefulShutdown: {
                listener.interruptWait()
            }
            try? await counters.remove(on: maintenance)
        } catch {
            await close(listener, control, maintenance, heartbeat, steps)
            throw error
        }
        await close(listener, control, maintenance, heartbeat, steps)
        let completed = await counters.completed
        logger.info("worker stopped", metadata: ["completed": .stringConvertible(completed)])
    }

    /// Closes every connection at once (each closes on its own thread), so a stop is quick.
    private func close(_ listener: Connection, _ control: Connection, _ maintenance: Connection, _ heartbeat: Connection, _ steps: ConnectionPool) async {
        await withDiscardingTaskGroup { group in
            group.addTask { await steps.close() }
            for connection in [listener, control, maintenance, heartbeat] { group.addTask { await connection.close() } }
        }
    }

    /// True once the loop must stop claiming: graceful shutdown began or the task was cancelled.
    static var mustStop: Bool { Task.isShuttingDownGracefully || Task.isCancelled }

    /// The claiming loop: drain the queue, then wait for the doorbell or the scan interval.
    private func serve(listener: Connection, control: Connection, steps: ConnectionPool, counters: WorkerCounters, keeper: LeaseKeeper) async {
        var backoff = Duration.milliseconds(100)
        while !Self.mustStop {
            do {
                try await drain(control: control, steps: steps, counters: counters, keeper: keeper)
                backoff = .milliseconds(100)
                if Self.mustStop { break }
                // A broken listener reconnects (and listens again) on this call; the drain
                // above then found whatever was rung while it was away.
                _ = try await listener.notifications(timeout: configuration.scanInterval)
            } catch is CancellationError {
                break
            } catch let error as PostgresError where error.isConnectionProblem {
                logger.warning("database unavailable; retrying", metadata: ["error": .string(error.message), "retry_in": .string("\(backoff)")])
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(5))
            } catch {
                logger.error("queue pass failed; retrying", metadata: ["error": .string("\(error)"), "retry_in": .string("\(backoff)")])
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(5))
            }
        }
    }

    /// Extends held leases every third of the lease.
    private func keepLeases(_ keeper: LeaseKeeper, on connection: Connection) async {
        let interval = Duration.milliseconds(Int(configuration.leaseSeconds * 1000 / 3))
        await WorkerChore.every(interval, named: "heartbeat", logger: logger) {
            let lost = try await keeper.beat(leaseSeconds: configuration.leaseSeconds, on: connection)
            if !lost.isEmpty { logger.warning("leases lost to a rescuer", metadata: ["items": .stringConvertible(lost.count)]) }
        }
    }

    /// Takes back the department's items whose lease expired, and rings the department so that
    /// a worker (this one or another) picks them up at once.
    private func rescueExpired(counters: WorkerCounters, on connection: Connection) async {
        let configuration = self.configuration
        await WorkerChore.every(configuration.scanInterval, named: "rescue", logger: logger, initialDelay: .zero) {
            let rescued = try await connection.run { try WorkQueue.rescue(department: configuration.department, actor: configuration.workerID, on: $0) }
            guard rescued > 0 else { return }
            logger.warning("took back items whose lease expired", metadata: ["rescued": .stringConvertible(rescued)])
            await counters.add(rescued: rescued)
            try await Doorbell.ring([configuration.department], on: connection)
        }
    }

    /// A listener whose connection died without a reset would otherwise wait in poll() for
    /// ever; a round trip surfaces it, and the claiming loop's next wait reconnects.
    private func checkListener(_ listener: Connection) async {
        await WorkerChore.every(Self.listenerCheckInterval, named: "listener check", logger: logger) {
            do {
                try await listener.query(Self.listenerCheckStatement)
            } catch {
                listener.interruptWait()
                throw error
            }
        }
    }

    static let listenerCheckStatement = "SELECT 1"

    /// Flushes the counters and prunes the rows of workers that stopped long ago.
    private func flushCounters(_ counters: WorkerCounters, on connection: Connection) async {
        await WorkerChore.every(Self.countersInterval, named: "counters", logger: logger, initialDelay: .zero) {
            try await counters.flush(on: connection)
        }
    }

    /// Moves completed items past the retention period to history.
    private func archiveCompleted(on connection: Connection) async {
        let retention = configuration.retentionSeconds
        await WorkerChore.every(Self.archiveInterval, named: "archive", logger: logger, initialDelay: .zero) {
            let moved = try await connection.run { try WorkQueue.archive(olderThan: retention, on: $0) }
            if moved > 0 { logger.info("moved completed items to history", metadata: ["moved": .stringConvertible(moved)]) }
        }
    }
}
