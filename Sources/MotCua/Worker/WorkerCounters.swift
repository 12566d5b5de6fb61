import Postgres

/// What a worker process has done, kept in memory and flushed to `worker_stats` every few
/// seconds, where `motcua queue stats` reads it. Its row is removed when the worker stops, and
/// rows not refreshed for ``staleAfterSeconds`` (a worker that died) are pruned by any flush,
/// so the stats count the workers that run.
actor WorkerCounters {
    let worker: String
    let department: String
    private(set) var claimed = 0
    private(set) var completed = 0
    private(set) var assigned = 0
    private(set) var retried = 0
    private(set) var rescued = 0
    private(set) var released = 0

    /// How long a row may go without a flush before it counts as a stopped worker's.
    static let staleAfterSeconds = 60

    init(worker: String, department: String) {
        self.worker = worker
        self.department = department
    }

    func add(claimed: Int = 0, completed: Int = 0, assigned: Int = 0, retried: Int = 0, rescued: Int = 0, released: Int = 0) {
        self.claimed += claimed
        self.completed += completed
        self.assigned += assigned
        self.retried += retried
        self.rescued += rescued
        self.released += released
    }

    /// Writes the totals (the first flush records the start, in real server time: liveness,
    /// not a business time) and prunes stale rows.
    func flush(on connection: Connection) async throws {
        try await connection.query(
            Self.flushStatement, [worker, department, claimed, completed, assigned, retried, rescued, released, Self.staleAfterSeconds])
    }

    /// `$1` worker, `$2` department, `$3`…`$8` claimed, completed, assigned, retried, rescued, released, `$9` ``staleAfterSeconds``.
    static let flushStatement = """
        WITH pruned AS (
            DELETE FROM worker_stats WHERE updated_at < now() - make_interval(secs => $9) AND worker <> $1
        )
        INSERT INTO worker_stats (worker, department, started_at, updated_at, claimed, completed, assigned, retried, rescued, released)
        VALUES ($1, $2, now(), now(), $3, $4, $5, $6, $7, $8)
        ON CONFLICT (worker) DO UPDATE SET updated_at = now(), claimed = $3, completed = $4, assigned = $5,
            retried = $6, rescued = $7, released = $8
        """

    /// Removes this worker's row (at a clean stop).
    func remove(on connection: Connection) async throws {
        try await connection.query(Self.removeStatement, [worker])
    }

    /// `$1` worker.
    static let removeStatement = "DELETE FROM worker_stats WHERE worker = $1"
}
