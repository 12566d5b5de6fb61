import Foundation
import Postgres

/// What a worker process has done, kept in memory and flushed to `worker_stats` every few
/// seconds (and at exit), where `motcua queue stats` reads it.
actor WorkerCounters {
    private(set) var claimed = 0
    private(set) var completed = 0
    private(set) var assigned = 0
    private(set) var retried = 0
    private(set) var rescued = 0
    private(set) var released = 0

    func add(claimed: Int = 0, completed: Int = 0, assigned: Int = 0, retried: Int = 0, rescued: Int = 0, released: Int = 0) {
        self.claimed += claimed
        self.completed += completed
        self.assigned += assigned
        self.retried += retried
        self.rescued += rescued
        self.released += released
    }

    /// Writes the totals for `worker`; its first flush records its start (real server time: a
    /// worker's liveness, not a business time).
    func flush(worker: String, department: String, on connection: Connection) async throws {
        try await connection.query(
            """
            INSERT INTO worker_stats (worker, department, started_at, updated_at, claimed, completed, assigned, retried, rescued, released)
            VALUES ($1, $2, now(), now(), $3, $4, $5, $6, $7, $8)
            ON CONFLICT (worker) DO UPDATE SET updated_at = now(), claimed = $3, completed = $4, assigned = $5,
                retried = $6, rescued = $7, released = $8
            """,
            [worker, department, claimed, completed, assigned, retried, rescued, released])
    }
}
