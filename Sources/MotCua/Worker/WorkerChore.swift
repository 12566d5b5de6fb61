import Logging

/// A worker's periodic chore (heartbeat, rescue, listener check, counters, archiving): run
/// `body` every `interval` until the task is cancelled. A failing pass is logged and the next
/// one runs on time; graceful shutdown does not stop a chore (leases must still be extended
/// while the steps in progress finish): the worker cancels its chores once its loop is done.
enum WorkerChore {
    static func every(_ interval: Duration, named name: String, logger: Logger, initialDelay: Duration? = nil, _ body: () async throws -> Void) async {
        do {
            try await Task.sleep(for: initialDelay ?? interval)
        } catch {
            return
        }
        while !Task.isCancelled {
            do {
                try await body()
            } catch is CancellationError {
                return
            } catch {
                logger.warning("worker chore failed; it runs again shortly", metadata: ["chore": .string(name), "error": .string("\(error)")])
            }
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
        }
    }
}
