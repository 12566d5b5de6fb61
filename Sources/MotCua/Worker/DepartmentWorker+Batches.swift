import Postgres

extension DepartmentWorker {
    /// Claims and runs batches until the queue has no ready item or shutdown begins; claimed
    /// items not yet started at shutdown are given back without counting an attempt.
    ///
    /// While a full batch runs on the step connections, the next one is claimed on the control
    /// connection, so the server claims and completes side by side instead of in turn. A
    /// prefetched batch is held (its leases extended) from the moment it is claimed.
    func drain(control: Connection, steps: ConnectionPool, counters: WorkerCounters, keeper: LeaseKeeper) async throws {
        let runner = StepRunner(configuration: configuration, logger: logger)
        var batch = try await claim(on: control, keeper: keeper)
        while !batch.isEmpty {
            if Self.mustStop {
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
                        if Self.mustStop {
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
}
