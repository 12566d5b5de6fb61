import Foundation
import Postgres

extension QueueBenchmark {
    /// Work items completed per second by `workers` `motcua worker` processes at `batchSize`,
    /// draining a fresh backlog of `items` no-op one-step dossiers: timed from starting the
    /// first process until no item is left ready or claimed (start-up included); every dossier
    /// must then be resolved.
    func oursRate(items: Int, batchSize: Int, workers: Int, step: Int, on connection: Connection, target: String, folder: URL) async throws -> Double {
        try await QueueBenchmarkSQL.resetDossiers(on: connection)
        try await QueueBenchmarkSQL.fillBacklog(items, codePrefix: "BENCH-\(step)-", on: connection)
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + .seconds(60 + 20 * seconds)
        let processes = try QueueWorkerProcesses.start(
            count: workers, department: QueueBenchmarkSQL.department,
            options: ["--batch-size", String(batchSize), "--scan-interval", "60"],
            executable: executable, target: target, folder: folder)
        let elapsed: Duration
        do {
            while try await QueueBenchmarkSQL.remaining(on: connection) > 0 {
                guard clock.now < deadline else {
                    throw MotCuaError.invalidInput(field: "bench queue", reason: "the workers did not drain \(items) items in time; a worker said: \(processes.firstLog)")
                }
                try await Task.sleep(for: .milliseconds(5))
            }
            elapsed = clock.now - start
        } catch {
            processes.kill()
            throw error
        }
        try await processes.stop()
        let states = try await QueueBenchmarkSQL.dossierStates(on: connection)
        guard states == [DossierState.resolved.rawValue: items] else {
            throw MotCuaError.invalidInput(field: "bench queue", reason: "expected \(items) resolved dossiers, found \(states)")
        }
        return Double(items) / Self.seconds(elapsed)
    }

    /// Items per second of pgbench running the raw claim-and-complete loop at `batchSize` with
    /// `clients` for `seconds` (transactions per second × batch size) on `rows` fresh ready
    /// rows; doubles the rows and runs again if the loop ran dry.
    func rawRate(rows: Int, batchSize: Int, clients: Int, pgbench: Pgbench, on connection: Connection, target: String) async throws -> (rate: Double, rows: Int) {
        var rows = rows
        for _ in 0..<4 {
            try await QueueBenchmarkSQL.refillRaw(rows, on: connection)
            let tps = try pgbench.transactionsPerSecond(
                script: QueueBenchmarkSQL.rawScript(batchSize: batchSize), clients: clients, seconds: seconds, conninfo: target)
            if try await QueueBenchmarkSQL.rawReady(on: connection) > 0 { return (tps * Double(batchSize), rows) }
            rows *= 2
        }
        throw MotCuaError.invalidInput(field: "bench queue", reason: "the raw loop ran dry even with \(rows / 2) rows")
    }

    /// A duration in seconds.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
