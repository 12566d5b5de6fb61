import Postgres

/// The department work queue in PostgreSQL: claiming with `FOR UPDATE SKIP LOCKED` under a
/// lease, and fenced completion.
public enum WorkQueue {
    /// Claims up to `limit` ready items of `department` for `worker`, most urgent and oldest
    /// first, each under a lease of `leaseSeconds`. Concurrent claimers skip each other's rows,
    /// so no item is ever held by two leases; items whose lease expired come back through
    /// ``rescue(department:on:)``.
    public static func claim(
        department: String, limit: Int, worker: String, leaseSeconds: Double, on connection: isolated Connection
    ) throws -> [ClaimedWorkItem] {
        let rows = try connection.query(
            """
            WITH next AS (
                SELECT id FROM work_item
                WHERE department_code = $1 AND state = 'ready' AND available_at <= now()
                ORDER BY priority DESC, available_at, id
                LIMIT $2
                FOR UPDATE SKIP LOCKED
            )
            UPDATE work_item AS w
            SET state = 'claimed', lease_token = w.lease_token + 1, attempts = w.attempts + 1,
                lease_expires_at = now() + make_interval(secs => $4), claimed_by = $3
            FROM next WHERE w.id = next.id
            RETURNING w.id, w.dossier_id, w.step_position, w.department_code, w.kind, w.lease_token, w.attempts
            """,
            [department, limit, worker, leaseSeconds])
        return try rows.map { row in
            ClaimedWorkItem(
                id: try row.decode("id"),
                dossierID: try row.decode("dossier_id"),
                stepPosition: try row.decode("step_position"),
                department: try row.decode("department_code"),
                kind: StepKind(rawValue: try row.decode("kind")) ?? .automatic,
                leaseToken: try row.decode("lease_token"),
                attempts: try row.decode("attempts"))
        }
    }

    /// Marks a claimed item completed if, and only if, the claim still holds: the item is
    /// claimed with the same fencing token. Returns false for a stale claim (the lease expired
    /// and the item was rescued by someone else), in which case nothing was changed.
    public static func complete(_ item: ClaimedWorkItem, on connection: isolated Connection) throws -> Bool {
        let rows = try connection.query(
            """
            UPDATE work_item
            SET state = 'completed', completed_at = now(), lease_expires_at = NULL, claimed_by = NULL
            WHERE id = $1 AND lease_token = $2 AND state = 'claimed'
            """,
            [item.id, item.leaseToken])
        return rows.affectedRows == 1
    }
}
