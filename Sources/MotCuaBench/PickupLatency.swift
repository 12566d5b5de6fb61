import Foundation
import MotCua
import Postgres

/// Idle pickup latency: a new work item is inserted (one durable autocommit statement), then
/// the doorbell is rung with `Doorbell.ring` as after an intake, and the claim is timed from
/// the commit (the server's clock read right after the insert's commit returned) and from the
/// insert (`clock_timestamp()` in the insert, so its commit flush included); every time comes
/// from the server's clock. Samples are spaced 8–12 ms apart, so the claimer is idle and
/// waiting on LISTEN each time; the first few are discarded.
enum PickupLatency {
    /// One pickup, in milliseconds.
    struct Sample: Sendable {
        /// From the insert's commit having returned to the claim.
        let fromCommit: Double
        /// From the insert (before its commit) to the claim.
        let fromInsert: Double
    }

    /// Samples discarded at the start (connection and plan warm-up, worker start-up).
    static let warmup = 5

    /// Pickups of an idle `motcua worker` process of the benchmark
    /// department, whose periodic scan is 60 s apart so only the doorbell wakes it. The claim
    /// time is recorded by a trigger in the throwaway database (the fenced completion clears
    /// the lease columns a claim time could otherwise be read from).
    static func worker(samples: Int, executable: String, target: String, folder: URL, on connection: Connection) async throws -> [Sample] {
        try await QueueBenchmarkSQL.resetDossiers(on: connection)
        try await connection.execute(createClaimRecorder)
        let processes = try QueueWorkerProcesses.start(
            count: 1, department: QueueBenchmarkSQL.department, options: ["--scan-interval", "60"],
            executable: executable, target: target, folder: folder)
        var inserted: [(id: Int64, at: Double, committed: Double)] = []
        do {
            for index in 0..<(warmup + samples) {
                let item = try await QueueBenchmarkSQL.insertOne(code: "BENCH-PICKUP-\(index)", on: connection)
                let committed = try await serverClock(on: connection)
                try await Doorbell.ring([QueueBenchmarkSQL.department], on: connection)
                if index >= warmup { inserted.append((item.id, item.at, committed)) }
                try await Task.sleep(for: .milliseconds(Int.random(in: 8...12)))
                try await waitUntilCompleted(item.id, processes: processes, on: connection)
            }
        } catch {
            processes.kill()
            throw error
        }
        try await processes.stop()
        let rows = try await connection.query(
            "SELECT work_item_id, extract(epoch FROM claimed_at)::float8 AS at FROM bench_pickup_claim WHERE work_item_id = ANY($1)",
            [inserted.map(\.id)])
        var claimed: [Int64: Double] = [:]
        for row in rows { claimed[try row.decode("work_item_id")] = try row.decode("at") }
        try await connection.execute(dropClaimRecorder)
        return try inserted.map { item in
            guard let at = claimed[item.id] else {
                throw BenchmarkError(benchmark: "bench queue", reason: "no claim was recorded for work item \(item.id)")
            }
            return Sample(fromCommit: (at - item.committed) * 1000, fromInsert: (at - item.at) * 1000)
        }
    }

    /// Pickups of the raw baseline: a connection LISTENing in this process
    /// that, woken, runs the raw claim-and-complete statement on a second connection (as the
    /// worker claims on a connection of its own).
    static func raw(samples: Int, target: String, on connection: Connection) async throws -> [Sample] {
        try await connection.execute("TRUNCATE bench_queue")
        let listener = try await Connection.connect(target)
        let claimer = try await Connection.connect(target)
        try await listener.listen(QueueChannel.name(department: QueueBenchmarkSQL.rawDepartment))
        let (claims, continuation) = AsyncStream.makeStream(of: (id: Int64, at: Double).self)
        let claimSQL = QueueBenchmarkSQL.rawClaimAndComplete(
            department: "$1", limit: "$2", returning: "q.id, extract(epoch FROM clock_timestamp())::float8 AS at")
        let listening = Task {
            defer { continuation.finish() }
            while !Task.isCancelled {
                _ = try await listener.notifications(timeout: .seconds(60))
                if Task.isCancelled { break }
                for row in try await claimer.query(claimSQL, [QueueBenchmarkSQL.rawDepartment, 16]) {
                    continuation.yield((try row.decode("id"), try row.decode("at")))
                }
            }
        }
        var latencies: [Sample] = []
        var iterator = claims.makeAsyncIterator()
        do {
            for index in 0..<(warmup + samples) {
                let row = try await connection.query(
                    "INSERT INTO bench_queue (department) VALUES ($1) RETURNING id, extract(epoch FROM clock_timestamp())::float8 AS at",
                    [QueueBenchmarkSQL.rawDepartment]
                ).single()
                let committed = try await serverClock(on: connection)
                try await Doorbell.ring([QueueBenchmarkSQL.rawDepartment], on: connection)
                guard let claim = await iterator.next() else {
                    try await listening.value
                    throw BenchmarkError(benchmark: "bench queue", reason: "the raw listener stopped")
                }
                guard claim.id == (try row.decode("id", as: Int64.self)) else {
                    throw BenchmarkError(benchmark: "bench queue", reason: "the raw listener claimed an unexpected row")
                }
                if index >= warmup {
                    latencies.append(Sample(fromCommit: (claim.at - committed) * 1000, fromInsert: (claim.at - (try row.decode("at", as: Double.self))) * 1000))
                }
                try await Task.sleep(for: .milliseconds(Int.random(in: 8...12)))
            }
        } catch {
            listening.cancel()
            await listener.close()
            await claimer.close()
            throw error
        }
        listening.cancel()
        _ = try? await listening.value
        await listener.close()
        await claimer.close()
        return latencies
    }

    /// The nearest-rank `percent` percentile of a non-empty list (0 for an empty one).
    static func percentile(_ percent: Double, of values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((percent / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// The server's clock, in seconds since 1970.
    private static func serverClock(on connection: Connection) async throws -> Double {
        try await connection.query("SELECT extract(epoch FROM clock_timestamp())::float8 AS at").single().decode("at")
    }

    /// Polls every millisecond until the work item is completed (the worker is idle again).
    private static func waitUntilCompleted(_ id: Int64, processes: QueueWorkerProcesses, on connection: Connection) async throws {
        let deadline = ContinuousClock.now + .seconds(90)
        while try await connection.query("SELECT state FROM work_item WHERE id = $1", [id]).single().decode("state", as: String.self) != "completed" {
            guard ContinuousClock.now < deadline else {
                throw BenchmarkError(benchmark: "bench queue", reason: "the idle worker did not complete work item \(id); it said: \(processes.firstLog)")
            }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    /// Records the moment each work item is first claimed, in the throwaway database only.
    private static let createClaimRecorder = """
        CREATE TABLE bench_pickup_claim (work_item_id bigint PRIMARY KEY, claimed_at timestamptz NOT NULL);
        CREATE FUNCTION bench_pickup_claimed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO bench_pickup_claim (work_item_id, claimed_at) VALUES (NEW.id, clock_timestamp()) ON CONFLICT DO NOTHING;
            RETURN NEW;
        END $$;
        CREATE TRIGGER bench_pickup_claimed BEFORE UPDATE ON work_item FOR EACH ROW
            WHEN (OLD.state = 'ready' AND NEW.state = 'claimed') EXECUTE FUNCTION bench_pickup_claimed();
        """

    private static let dropClaimRecorder = """
        DROP TRIGGER bench_pickup_claimed ON work_item;
        DROP FUNCTION bench_pickup_claimed();
        DROP TABLE bench_pickup_claim;
        """
}
