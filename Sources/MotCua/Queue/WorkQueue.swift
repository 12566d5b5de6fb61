import Postgres

/// The department work queue in PostgreSQL: claiming with `FOR UPDATE SKIP LOCKED` under a
/// lease. Fenced completion is ``StepCompletion``; release, retry, heartbeat and rescue are in
/// `WorkQueue+Lease.swift`.
public enum WorkQueue {
    /// Claims up to `limit` ready items of `department` for `worker`, most urgent and oldest
    /// first, each under a lease of `leaseSeconds`. Concurrent claimers skip each other's rows,
    /// so no item is ever held by two leases; items whose lease expired come back through
    /// ``rescue(department:on:)``.
    public static func claim(
        department: String, limit: Int, worker: String, leaseSeconds: Double, on connection: isolated Connection
    ) throws -> [ClaimedWorkItem] {
        let rows = try connection.query(claimStatement, [department, limit, worker, leaseSeconds])
        return try rows.map { row in
            ClaimedWorkItem(
                id: try row.decode("id"),
                dossierID: try row.decode("dossier_id"),
                stepPosition: try row.decode("step_position"),
                department: try row.decode("department_code"),
                kind: try row.decode("kind"),
                leaseToken: try row.decode("lease_token"),
                attempts: try row.decode("attempts"))
        }
    }

    /// Session settings for the connection that claims: ``claimStatement`` planned once.
    public static let claimingSessionSettings: [(name: String, value: String)] = [("plan_cache_mode", "force_generic_plan")]

    /// `$1` department, `$2` limit, `$3` worker, `$4` lease in seconds.
    ///
    /// The chosen IDs reach the update as an array (`id = ANY (ARRAY(…))`), so the update is a
    /// primary-key lookup whatever the planner guesses of `LIMIT $2`: the statement's generic
    /// plan is as good as a custom one, and the worker runs it with `plan_cache_mode =
    /// force_generic_plan` instead of planning it again for every batch.
    package static let claimStatement = """
        UPDATE work_item AS w
        SET state = 'claimed', lease_token = w.lease_token + 1, attempts = w.attempts + 1,
            lease_expires_at = now() + make_interval(secs => $4), claimed_by = $3
        WHERE w.id = ANY (ARRAY(
            SELECT id FROM work_item
            WHERE department_code = $1 AND state = 'ready' AND available_at <= now()
            ORDER BY priority DESC, available_at, id
            LIMIT $2
            FOR UPDATE SKIP LOCKED))
        RETURNING w.id, w.dossier_id, w.step_position, w.department_code, w.kind, w.lease_token, w.attempts
        """

    /// `$1` dossier, `$2` step position, `$3` department, `$4` step kind: a new ready work item
    /// (the step a decision routed the dossier to).
    static let enqueueStatement = "INSERT INTO work_item (dossier_id, step_position, department_code, kind) VALUES ($1, $2, $3, $4)"
}
