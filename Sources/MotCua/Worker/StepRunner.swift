import Logging
import Postgres

/// Runs one claimed item: an automatic step is done under the lease (and retried with backoff
/// when it fails); a review or signature step is assigned to an officer.
struct StepRunner: Sendable {
    let configuration: WorkerConfiguration
    let logger: Logger
    let backoff = RetryBackoff()

    /// What running an item led to, for the counters and the doorbell.
    enum Result: Sendable {
        case completed(routedTo: String?)
        case assigned
        case retried
        case flagged
        case stale
    }

    /// Runs automatic steps together: one statement completes them all. If that fails for
    /// any reason but a broken connection, each is run on its own, so one bad item is retried
    /// alone and the others still complete.
    func runAutomatic(_ items: [ClaimedWorkItem], on connection: Connection) async throws -> [Result] {
        try await simulateWork()
        do {
            let outcomes = try await StepCompletion.complete(items, actor: configuration.workerID, on: connection)
            return items.map { item in
                switch outcomes[item.id] ?? .staleLease {
                case .routed(let next): return .completed(routedTo: next)
                case .resolved: return .completed(routedTo: nil)
                case .staleLease: return .stale
                }
            }
        } catch let error as PostgresError where error.isConnectionProblem {
            throw error
        } catch {
            logger.warning("batch completion failed; completing its items one by one", metadata: ["error": .string("\(error)")])
            var results: [Result] = []
            for item in items { results.append(try await run(item, on: connection)) }
            return results
        }
    }

    func run(_ item: ClaimedWorkItem, on connection: Connection) async throws -> Result {
        var logger = logger
        logger[metadataKey: "work_item"] = .stringConvertible(item.id)
        logger[metadataKey: "dossier_id"] = .stringConvertible(item.dossierID)
        if item.kind != .automatic {
            switch try await OfficerAssignment.assign(item, actor: configuration.workerID, on: connection) {
            case .assigned(let officer):
                logger.info("assigned to an officer", metadata: ["officer": .string(officer)])
                return .assigned
            case .noOfficer:
                logger.warning("no active officer in the department; the item needs a supervisor")
                return .flagged
            case .staleLease:
                return .stale
            }
        }
        do {
            try await simulateWork()
            switch try await StepCompletion.complete(item, actor: configuration.workerID, on: connection) {
            case .routed(let next): return .completed(routedTo: next)
            case .resolved: return .completed(routedTo: nil)
            case .staleLease:
                logger.warning("lease lost before completion; the item belongs to another worker now")
                return .stale
            }
        } catch let error as PostgresError where error.isConnectionProblem {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            let delay = backoff.delay(afterAttempts: item.attempts)
            logger.error("automatic step failed; retrying later", metadata: ["error": .string("\(error)"), "retry_in_seconds": .stringConvertible(Int(delay))])
            let recorded = try await connection.run { try WorkQueue.retry(item, after: delay, error: "\(error)", actor: configuration.workerID, on: $0) }
            return recorded ? .retried : .stale
        }
    }

    /// Waits out the configured simulated step duration, if any. Not cut short by graceful
    /// shutdown (a step in progress is finished), but by cancellation.
    private func simulateWork() async throws {
        if configuration.simulatedStepDuration > .zero { try await Task.sleep(for: configuration.simulatedStepDuration) }
    }
}
