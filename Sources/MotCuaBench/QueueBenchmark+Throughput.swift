import Foundation
import MotCua
import Postgres

extension QueueBenchmark {
    /// Work items completed per second by `workers` `motcua worker` processes at `batchSize`,
    /// draining a fresh backlog of `items` no-op one-step dossiers, in their steady state: the
    /// items completed after the first tenth of the backlog, over the time from that moment to
    /// the last completion (the completions' own times, on the server's clock), so the
    /// processes' start-up is not counted. The end is found by a light poll every 50 ms; every
    /// dossier must then be resolved.
    func oursRate(items: Int, batchSize: Int, workers: Int, step: Int, on connection: Connection, target: String, folder: URL) async throws -> Double {
        try await QueueBenchmarkSQL.resetDossiers(on: connection)
        try await QueueBenchmarkSQL.fillBacklog(items, codePrefix: "BENCH-\(step)-", on: connection)
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(60 + 20 * seconds)
        let processes = try QueueWorkerProcesses.start(
            count: workers, department: QueueBenchmarkSQL.department,
            options: ["--batch-size", String(batchSize), "--scan-interval", "60"],
            executable: executable, target: target, folder: folder)
        do {
            while try await QueueBenchmarkSQL.anyLeft(on: connection) {
                guard clock.now < deadline else {
                    throw BenchmarkError(
                        benchmark: "bench queue", reason: "the workers did not drain \(items) items in time; a worker said: \(processes.firstLog)")
                }
                try await Task.sleep(for: .milliseconds(50))
            }
        } catch {
            processes.kill()
            throw error
        }
        try await processes.stop()
        let states = try await QueueBenchmarkSQL.dossierStates(on: connection)
        guard states == [DossierState.resolved.rawValue: items] else {
            throw BenchmarkError(benchmark: "bench queue", reason: "expected \(items) resolved dossiers, found \(states)")
        }
        let steady = try await QueueBenchmarkSQL.steadyCompletions(on: connection)
        guard steady.seconds > 0, steady.items > 0 else {
            throw BenchmarkError(benchmark: "bench queue", reason: "\(items) items completed too fast to time; give a larger --seconds")
        }
        return Double(steady.items) / steady.seconds
    }

    /// Items per second of pgbench running the raw claim-and-complete loop at `batchSize`
    /// with `clients` for `seconds` on `rows` fresh ready rows of `bench_queue`.
    func rawRate(rows: Int, batchSize: Int, clients: Int, pgbench: Pgbench, on connection: Connection, target: String) async throws -> (rate: Double, rows: Int)
    {
        try await pgbenchRate(
            rows: rows, batchSize: batchSize, clients: clients, script: QueueBenchmarkSQL.rawScript(batchSize: batchSize), pgbench: pgbench, target: target,
            refill: { try await QueueBenchmarkSQL.refillRaw($0, on: connection) },
            anyLeft: { try await QueueBenchmarkSQL.rawReady(on: connection) > 0 })
    }

    /// Items per second of pgbench running the worker's own claim and completion statements
    /// (``QueueBenchmarkSQL/statementsScript(batchSize:)``) at `batchSize` with `clients` for
    /// `seconds` on a fresh backlog of `rows` no-op one-step dossiers.
    func statementsRate(rows: Int, batchSize: Int, clients: Int, step: Int, pgbench: Pgbench, on connection: Connection, target: String) async throws -> (
        rate: Double, rows: Int
    ) {
        try await pgbenchRate(
            rows: rows, batchSize: batchSize, clients: clients, script: QueueBenchmarkSQL.statementsScript(batchSize: batchSize),
            settings: WorkQueue.claimingSessionSettings,
            pgbench: pgbench, target: target,
            refill: {
                try await QueueBenchmarkSQL.resetDossiers(on: connection)
                try await QueueBenchmarkSQL.fillBacklog($0, codePrefix: "SQL-\(step)-", on: connection)
            },
            anyLeft: { try await QueueBenchmarkSQL.anyLeft(on: connection) })
    }

    /// Items per second of pgbench running `script` (one batch per transaction) on `rows`
    /// fresh items (transactions per second × batch size); doubles the rows and runs again if
    /// the loop ran dry.
    private func pgbenchRate(
        rows: Int, batchSize: Int, clients: Int, script: String, settings: [(name: String, value: String)] = [], pgbench: Pgbench, target: String,
        refill: (Int) async throws -> Void, anyLeft: () async throws -> Bool
    ) async throws -> (rate: Double, rows: Int) {
        var rows = rows
        for _ in 0..<4 {
            try await refill(rows)
            let tps = try pgbench.transactionsPerSecond(script: script, clients: clients, seconds: seconds, conninfo: target, settings: settings)
            if try await anyLeft() { return (tps * Double(batchSize), rows) }
            rows *= 2
        }
        throw BenchmarkError(benchmark: "bench queue", reason: "a pgbench loop ran dry even with \(rows / 2) rows")
    }
}
