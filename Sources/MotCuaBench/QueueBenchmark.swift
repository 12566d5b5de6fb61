import Foundation
import MotCua
import Postgres

/// `motcua bench queue`: how fast department workers drain their queue, and how soon an idle
/// worker picks up new work, next to raw PostgreSQL on the same server in the same run.
///
/// - Throughput, ours: `motcua worker` processes (1, 2, 4 …) at a batch size drain a fresh
///   backlog of dossiers of a procedure with one no-op automatic step; each batch costs the
///   worker's claim and its completion statement (fenced completion, resolution, event).
///   Timed in the steady state: the items completed after the first tenth of the backlog,
///   over the time from then to the last completion, so the processes' start-up (connecting,
///   LISTEN, the first claim) is not counted. The first backlog of each batch size and worker
///   count is sized from the statements' rate, later ones from the previous measurement, so a
///   step drains about `seconds` of work.
/// - Throughput, the worker's statements: pgbench with as many clients running the worker's
///   own claim and completion statements one after the other, without the worker: what those
///   statements cost the server. ours ÷ statements is the worker's own overhead (above 1 when
///   its claim of the next batch overlaps the completion of the current one); statements ÷
///   raw is what a step's writes cost beyond the bare queue update.
/// - Throughput, raw: pgbench with as many clients running one statement per transaction that
///   claims a batch with the same `FOR UPDATE SKIP LOCKED` selection and marks it completed, on
///   a table of the same shape; items per second = transactions per second × batch size.
/// - Idle pickup latency: see ``PickupLatency``.
///
/// Each round runs every batch size and worker count (raw, statements, ours), then both pickup
/// measurements, in a throwaway database created on the same server and dropped afterwards.
public struct QueueBenchmark: Sendable {
    /// One batch size and worker count: medians of the rounds.
    public struct Line: Sendable, Codable {
        public let batchSize: Int
        public let workers: Int
        /// Items per second of the `motcua worker` processes.
        public let oursMedian: Double
        /// Items per second of pgbench running the worker's claim and completion statements.
        public let statementsMedian: Double
        /// Items per second of the raw pgbench loop.
        public let rawMedian: Double
        /// ours ÷ raw; the target is at least 0.5.
        public let ratio: Double
        /// statements ÷ raw: what the worker's statements reach run in turn, without the worker.
        public let statementsRatio: Double
        public let oursRounds: [Double]
        public let statementsRounds: [Double]
        public let rawRounds: [Double]
    }

    /// Idle pickup latency of one path, in milliseconds, over every round's samples.
    public struct Pickup: Sendable, Codable {
        /// `worker` (a `motcua worker` process) or `raw` (a bare LISTEN connection).
        public let path: String
        public let samples: Int
        /// From the new item's commit to its claim: median; the target for `worker` is under 5 ms at p99.
        public let p50: Double
        /// From the new item's commit to its claim: 99th percentile.
        public let p99: Double
        /// From the new item's commit to its claim: the slowest.
        public let max: Double
        /// From the insert, its durable commit included, to the claim: median.
        public let insertP50: Double
        /// From the insert, its durable commit included, to the claim: 99th percentile.
        public let insertP99: Double

        init(path: String, samples: [PickupLatency.Sample]) {
            let commit = samples.map(\.fromCommit)
            let insert = samples.map(\.fromInsert)
            self.path = path
            self.samples = samples.count
            p50 = PickupLatency.percentile(50, of: commit)
            p99 = PickupLatency.percentile(99, of: commit)
            max = commit.max() ?? 0
            insertP50 = PickupLatency.percentile(50, of: insert)
            insertP99 = PickupLatency.percentile(99, of: insert)
        }
    }

    /// The whole run.
    public struct Report: Sendable, Codable {
        public let settings: [String: String]
        public let rounds: Int
        public let secondsPerStep: Int
        public let lines: [Line]
        public let pickup: [Pickup]
    }

    let conninfo: String
    let executable: String
    let rounds: Int
    let seconds: Int
    let batchSizes: [Int]
    let workerCounts: [Int]
    let pickupSamples: Int

    /// Creates a benchmark against the server of `conninfo`, starting workers from
    /// `executable`; `pickupSamples` is the number of pickup samples per path over all rounds.
    public init(conninfo: String, executable: String, rounds: Int, seconds: Int, batchSizes: [Int], workerCounts: [Int], pickupSamples: Int) {
        self.conninfo = conninfo
        self.executable = executable
        self.rounds = rounds
        self.seconds = seconds
        self.batchSizes = batchSizes
        self.workerCounts = workerCounts
        self.pickupSamples = pickupSamples
    }

    /// Runs every step and drops the benchmark database afterwards.
    public func run(progress: @Sendable (String) -> Void) async throws -> Report {
        let pgbench = try Pgbench.locate()
        let name = "motcua_bench_queue_\(getpid())"
        let admin = try await Connection.connect(conninfo)
        try await admin.execute("CREATE DATABASE \(name)")
        let target = ConnectionString.replacingDatabase(in: conninfo, with: name)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-bench-queue-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let report = try await measure(target, pgbench: pgbench, folder: folder, progress: progress)
            try? FileManager.default.removeItem(at: folder)
            try await admin.execute("DROP DATABASE \(name) WITH (FORCE)")
            await admin.close()
            return report
        } catch {
            try? FileManager.default.removeItem(at: folder)
            _ = try? await admin.execute("DROP DATABASE \(name) WITH (FORCE)")
            await admin.close()
            throw error
        }
    }

    private func measure(_ target: String, pgbench: Pgbench, folder: URL, progress: @Sendable (String) -> Void) async throws -> Report {
        let connection = try await Connection.connect(target)
        try await Migrator.forProject().migrate(connection)
        try await DatabaseClock.simulate(at: BenchmarkClock.start, rate: 1, on: connection)
        try await QueueBenchmarkSQL.createProcedure(on: connection)
        try await connection.execute(QueueBenchmarkSQL.createRawTable)
        let settings = try await BenchmarkSampling.settings(on: connection)

        var ours: [[Int]: [Double]] = [:]
        var statements: [[Int]: [Double]] = [:]
        var statementRows: [[Int]: Int] = [:]
        var raw: [[Int]: [Double]] = [:]
        var backlog: [[Int]: Int] = [:]
        var rawRows: [[Int]: Int] = [:]
        var workerPickup: [PickupLatency.Sample] = []
        var rawPickup: [PickupLatency.Sample] = []
        var step = 0
        for round in 1...rounds {
            for batchSize in batchSizes {
                for workers in workerCounts {
                    step += 1
                    let key = [batchSize, workers]
                    let guess = rawRows[key] ?? seconds * min(3_000 * batchSize, 60_000) * (workers + 1) / 2
                    let (rawRate, rowsUsed) = try await rawRate(
                        rows: guess, batchSize: batchSize, clients: workers, pgbench: pgbench, on: connection, target: target)
                    rawRows[key] = max(rowsUsed, Int(rawRate * Double(seconds) * 1.5) + 1_000)
                    // The raw loop is the faster, so its rate bounds the statements' backlog.
                    let (statementsRate, statementsUsed) = try await statementsRate(
                        rows: statementRows[key] ?? Int(rawRate * Double(seconds) * 1.2) + 1_000, batchSize: batchSize, clients: workers,
                        step: step, pgbench: pgbench, on: connection, target: target)
                    statementRows[key] = max(statementsUsed, Int(statementsRate * Double(seconds) * 1.5) + 1_000)
                    // The first backlog is sized from the statements' rate, which the workers
                    // come close to, so that every step drains about `seconds` of work.
                    let items = backlog[key] ?? max(200, Int(statementsRate * Double(seconds)))
                    let oursRate = try await oursRate(
                        items: items, batchSize: batchSize, workers: workers, step: step, on: connection, target: target, folder: folder)
                    backlog[key] = max(200, Int(oursRate * Double(seconds)))
                    raw[key, default: []].append(rawRate)
                    statements[key, default: []].append(statementsRate)
                    ours[key, default: []].append(oursRate)
                    progress(
                        "round \(round)/\(rounds), batch \(batchSize), \(workers) workers: ours \(Int(oursRate)) items/s (\(items) items), statements \(Int(statementsRate)), raw \(Int(rawRate)) items/s"
                    )
                }
            }
            let share = (pickupSamples + rounds - 1) / rounds
            let worker = try await PickupLatency.worker(samples: share, executable: executable, target: target, folder: folder, on: connection)
            let bare = try await PickupLatency.raw(samples: share, target: target, on: connection)
            workerPickup += worker
            rawPickup += bare
            let (ofWorker, ofRaw) = (Pickup(path: "worker", samples: worker), Pickup(path: "raw", samples: bare))
            progress(
                String(
                    format: "round %d/%d, idle pickup from commit p50/p99: worker %.2f/%.2f ms, raw %.2f/%.2f ms",
                    round, rounds, ofWorker.p50, ofWorker.p99, ofRaw.p50, ofRaw.p99))
        }
        await connection.close()

        var lines: [Line] = []
        for batchSize in batchSizes {
            for workers in workerCounts {
                let key = [batchSize, workers]
                let oursMedian = BenchmarkSampling.median(ours[key]!)
                let statementsMedian = BenchmarkSampling.median(statements[key]!)
                let rawMedian = BenchmarkSampling.median(raw[key]!)
                lines.append(
                    Line(
                        batchSize: batchSize, workers: workers, oursMedian: oursMedian, statementsMedian: statementsMedian, rawMedian: rawMedian,
                        ratio: rawMedian > 0 ? oursMedian / rawMedian : 0, statementsRatio: rawMedian > 0 ? statementsMedian / rawMedian : 0,
                        oursRounds: ours[key]!, statementsRounds: statements[key]!, rawRounds: raw[key]!))
            }
        }
        let pickup = [Pickup(path: "worker", samples: workerPickup), Pickup(path: "raw", samples: rawPickup)]
        return Report(settings: settings, rounds: rounds, secondsPerStep: seconds, lines: lines, pickup: pickup)
    }
}
