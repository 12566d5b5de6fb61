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
/// rang, so a lost notification only delays work. Each scan also takes back items whose lease
/// expired, and now and then moves old completed items to history; every 30 seconds the
/// listener's connection is checked with a round trip. Held leases are extended by
/// a heartbeat. On graceful shutdown (SIGTERM, SIGINT) it stops claiming, finishes the steps
/// in progress, gives back claimed items it had not started without counting an attempt, and
/// returns.
public struct DepartmentWorker: Service {
    private let conninfo: String
    private let configuration: WorkerConfiguration
    private let logger: Logger

    /// Creates a worker that connects with `conninfo`.
    public init(conninfo: String, configuration: WorkerConfiguration, logger: Logger = Logger(label: "motcua.worker")) {
        self.conninfo = ConnectionString.addingFallbackApplicationName(to: conninfo, "motcua worker \(configuration.department)")
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "department"] = .string(configuration.department)
        logger[metadataKey: "worker"] = .string(configuration.workerID)
        self.logger = logger
    }

    /// Runs until graceful shutdown; throws only at start: database unreachable, or no such
    /// department.
    public func run() async throws {
        let channel = QueueChannel.name(department: configuration.department)
        let listener = try await Connection.connect(conninfo, logger: logger)
        let control = try await Connection.connect(conninfo, settings: WorkQueue.claimingSessionSettings, logger: logger)
        try await CatalogReader.requireDepartment(configuration.department, on: control)
        try await listener.listen(channel)
        let steps = ConnectionPool(conninfo: conninfo, size: configuration.concurrency, logger: logger)
        let counters = WorkerCounters()
        let keeper = LeaseKeeper()
        logger.info("worker started", metadata: ["concurrency": .stringConvertible(configuration.concurrency)])

        let heartbeat = Task { await keepLeases(keeper) }
        await withGracefulShutdownHandler {
            await serve(listener: listener, control: control, steps: steps, counters: counters, keeper: keeper, channel: channel)
        } onGracefulShutdown: {
            listener.interruptWait()
        }
        heartbeat.cancel()
        _ = await heartbeat.result
        try? await counters.flush(worker: configuration.workerID, department: configuration.department, on: control)
        await steps.close()
        await listener.close()
        await control.close()
        let completed = await counters.completed
        logger.info("worker stopped", metadata: ["completed": .stringConvertible(completed)])
    }

    private func serve(listener: Connection, control: Connection, steps: ConnectionPool, counters: WorkerCounters, keeper: LeaseKeeper, channel: String) async {
        var mustListen = false
        var backoff = Duration.milliseconds(100)
        let clock = ContinuousClock()
        var lastFlush = clock.now
        var lastArchive = clock.now - .seconds(3600)
        var lastListenerCheck = clock.now
        while !Task.isShuttingDownGracefully {
            do {
                if mustListen {
                    try await listener.listen(channel)
                    mustListen = false
                    logger.info("listening again after reconnect")
                }
                let rescued = try await control.run { try WorkQueue.rescue(department: configuration.department, actor: configuration.workerID, on: $0) }
                if rescued > 0 {
                    logger.warning("took back items whose lease expired", metadata: ["rescued": .stringConvertible(rescued)])
                    await counters.add(rescued: rescued)
                }
                try await drain(control: control, steps: steps, counters: counters, keeper: keeper)
                if clock.now - lastArchive > .seconds(60) {
                    let moved = try await control.run { try WorkQueue.archive(olderThan: configuration.retentionSeconds, on: $0) }
                    if moved > 0 { logger.info("moved completed items to history", metadata: ["moved": .stringConvertible(moved)]) }
                    lastArchive = clock.now
                }
                if clock.now - lastListenerCheck > .seconds(30) {
                    // A listener whose connection died without a reset would otherwise wait in
                    // poll() for ever; a round trip surfaces it, and the catch below reconnects.
                    try await listener.query("SELECT 1")
                    lastListenerCheck = clock.now
                }
                if clock.now - lastFlush > .seconds(5) {
                    try await counters.flush(worker: configuration.workerID, department: configuration.department, on: control)
                    lastFlush = clock.now
                }
                backoff = .milliseconds(100)
                if Task.isShuttingDownGracefully { break }
                _ = try await listener.notifications(timeout: configuration.scanInterval)
            } catch let error as PostgresError where error.isConnectionProblem {
                logger.warning("database unavailable; retrying", metadata: ["error": .string(error.message), "retry_in": .string("\(backoff)")])
                mustListen = true
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(5))
            } catch {
                logger.error("queue pass failed; retrying", metadata: ["error": .string("\(error)"), "retry_in": .string("\(backoff)")])
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(5))
            }
        }
    }

    /// Claims and runs batches until the queue has no ready item or shutdown begins; claimed
    /// items not yet started at shutdown are given back without counting an attempt.
    ///
    /// While a full batch runs on the step connections, the next one is claimed on the control
    /// connection, so the server claims and completes side by side instead of in turn. A
    /// prefetched batch is held (its leases extended) from the moment it is claimed.
    private func drain(control: Connection, steps: ConnectionPool, counters: WorkerCounters, keeper: LeaseKeeper) async throws {
        let runner = StepRunner(configuration: configuration, logger: logger)
        var batch = try await claim(on: control, keeper: keeper)
        while !batch.isEmpty {
            if Task.isShuttingDownGracefully {
                try await giveBack(batch, on: control, keeper: keeper, counters: counters)
                return
            }
            await counters.add(claimed: batch.count)
            let full = batch.count == configuration.batchSize
            async let prefetched = full ? claim(on: control, keeper: keeper) : []
            do {
                let routedTo = try await work(batch, runner: runner, control: control, steps: steps, counters: counters, keeper: keeper)
                try await Doorbell.ring(routedTo, on: control)
            } catch {
                if let extra = try? await prefetched { try? await giveBack(extra, on: control, keeper: keeper, counters: counters) }
                throw error
            }
            batch = try await prefetched
        }
    }

    /// Claims up to a batch of ready items and holds their leases.
    private func claim(on control: Connection, keeper: LeaseKeeper) async throws -> [ClaimedWorkItem] {
        let configuration = self.configuration
        let batch = try await control.run { connection in
            try WorkQueue.claim(
                department: configuration.department, limit: configuration.batchSize,
                worker: configuration.workerID, leaseSeconds: configuration.leaseSeconds, on: connection)
        }
        await keeper.hold(batch)
        return batch
    }

    /// Stops holding claimed items and gives back those not finished (fenced: finished or lost
    /// items are untouched), without counting an attempt.
    private func giveBack(_ items: [ClaimedWorkItem], on control: Connection, keeper: LeaseKeeper, counters: WorkerCounters) async throws {
        await keeper.drop(items)
        let released = try await control.run { connection in try items.filter { try WorkQueue.release($0, on: connection) }.count }
        await counters.add(released: released)
    }

    /// Runs one claimed batch and returns the departments its dossiers were routed to.
    /// Automatic steps complete together, in up to `concurrency` chunks run side by side;
    /// review and signature steps are assigned one by one. Units not yet started when shutdown
    /// begins are given back.
    private func work(
        _ batch: [ClaimedWorkItem], runner: StepRunner, control: Connection, steps: ConnectionPool, counters: WorkerCounters, keeper: LeaseKeeper
    ) async throws -> [String] {
        var next: [String] = []
        do {
            let automatic = batch.filter { $0.kind == .automatic }
            let chunkSize = max(1, (automatic.count + configuration.concurrency - 1) / configuration.concurrency)
            var units: [[ClaimedWorkItem]] = stride(from: 0, to: automatic.count, by: chunkSize).map {
                Array(automatic[$0..<min($0 + chunkSize, automatic.count)])
            }
            units += batch.filter { $0.kind != .automatic }.map { [$0] }
            try await withThrowingTaskGroup(of: [StepRunner.Result].self) { group in
                var pending = units[...]
                func startNext() async {
                    guard let unit = pending.popFirst() else { return }
                    group.addTask {
                        if Task.isShuttingDownGracefully {
                            try await giveBack(unit, on: control, keeper: keeper, counters: counters)
                            return []
                        }
                        let results: [StepRunner.Result]
                        if unit.count > 1 || unit.first?.kind == .automatic {
                            results = try await steps.withConnection { try await runner.runAutomatic(unit, on: $0) }
                        } else {
                            results = [try await steps.withConnection { try await runner.run(unit[0], on: $0) }]
                        }
                        await keeper.drop(unit)
                        return results
                    }
                }
                for _ in 0..<configuration.concurrency { await startNext() }
                while let results = try await group.next() {
                    var (completed, assigned, retried) = (0, 0, 0)
                    for result in results {
                        switch result {
                        case .completed(let routedTo):
                            completed += 1
                            if let routedTo { next.append(routedTo) }
                        case .assigned: assigned += 1
                        case .retried: retried += 1
                        case .flagged, .stale: break
                        }
                    }
                    await counters.add(completed: completed, assigned: assigned, retried: retried)
                    await startNext()
                }
            }
        } catch {
            // The batch was cut short (a connection broke): nothing of it is worked on any
            // more, so stop extending its leases and give back what was not finished
            // (fenced: finished items are untouched; if this fails too, leases expire).
            for _ in 0..<2 where (try? await giveBack(batch, on: control, keeper: keeper, counters: counters)) == nil {}
            throw error
        }
        return next
    }

    /// Extends held leases every third of the lease, on a connection of its own.
    private func keepLeases(_ keeper: LeaseKeeper) async {
        let interval = Duration.milliseconds(Int(configuration.leaseSeconds * 1000 / 3))
        var connection: Connection?
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            do {
                if connection == nil { connection = try await Connection.connect(conninfo, logger: logger) }
                let lost = try await keeper.beat(leaseSeconds: configuration.leaseSeconds, on: connection!)
                if !lost.isEmpty { logger.warning("leases lost to a rescuer", metadata: ["items": .stringConvertible(lost.count)]) }
            } catch {
                logger.warning("heartbeat failed; retrying", metadata: ["error": .string("\(error)")])
            }
        }
        await connection?.close()
    }
}
