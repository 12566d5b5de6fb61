import Postgres

extension WorkQueue {
    /// Gives a claimed item back to the queue without counting the attempt (a graceful
    /// shutdown that did not start it). Refused (false) when the claim no longer holds.
    public static func release(_ item: ClaimedWorkItem, on connection: isolated Connection) throws -> Bool {
        try connection.query(
            """
            UPDATE work_item
            SET state = 'ready', attempts = greatest(attempts - 1, 0), lease_expires_at = NULL, claimed_by = NULL, available_at = now()
            WHERE id = $1 AND lease_token = $2 AND state = 'claimed'
            """,
            [item.id, item.leaseToken]
        ).affectedRows == 1
    }

    /// Records a failed attempt: the item becomes ready again after `delay` seconds, or needs a
    /// supervisor's attention once its attempts are used up. Refused (false) for a stale claim.
    public static func retry(_ item: ClaimedWorkItem, after delay: Double, error: String, on connection: isolated Connection) throws -> Bool {
        try connection.query(
            """
            UPDATE work_item
            SET state = CASE WHEN attempts >= max_attempts THEN 'needs_attention' ELSE 'ready' END,
                available_at = now() + make_interval(secs => $3), last_error = $4,
                lease_expires_at = NULL, claimed_by = NULL
            WHERE id = $1 AND lease_token = $2 AND state = 'claimed'
            """,
            [item.id, item.leaseToken, delay, String(error.prefix(1000))]
        ).affectedRows == 1
    }

    /// Extends the leases of items still held with their tokens and returns the IDs of those
    /// that were lost (taken back by a rescuer or a supervisor: they must not be finished).
    /// Rows locked by the worker's own running steps are skipped rather than waited for: the
    /// step's lock already keeps rescuers away, and one slow step must not hold up the others'
    /// heartbeats. Losses are read without locking.
    public static func heartbeat(_ items: [ClaimedWorkItem], leaseSeconds: Double, on connection: isolated Connection) throws -> Set<Int64> {
        guard !items.isEmpty else { return [] }
        let rows = try connection.query(
            """
            WITH held AS (
                SELECT h.id, h.token FROM unnest($1::bigint[], $2::bigint[]) AS h(id, token)
            ), lockable AS (
                SELECT w.id FROM work_item w JOIN held ON w.id = held.id AND w.lease_token = held.token
                WHERE w.state = 'claimed'
                FOR UPDATE OF w SKIP LOCKED
            ), extended AS (
                UPDATE work_item AS w SET lease_expires_at = now() + make_interval(secs => $3), heartbeat_at = now()
                FROM lockable WHERE w.id = lockable.id
                RETURNING w.id
            )
            SELECT held.id FROM held LEFT JOIN work_item w ON w.id = held.id
            WHERE w.id IS NULL OR w.lease_token <> held.token OR w.state <> 'claimed'
            """,
            [items.map(\.id), items.map(\.leaseToken), leaseSeconds])
        return Set(try rows.map { try $0.decode("id") })
    }

    /// Takes back items of `department` whose lease expired (their worker died or stalled):
    /// ready again, or needing attention when that was their last attempt. Returns how many.
    public static func rescue(department: String, on connection: isolated Connection) throws -> Int {
        try connection.query(
            """
            WITH expired AS (
                SELECT id FROM work_item
                WHERE department_code = $1 AND state = 'claimed' AND lease_expires_at < now()
                ORDER BY lease_expires_at LIMIT 1000
                FOR UPDATE SKIP LOCKED
            )
            UPDATE work_item AS w
            SET state = CASE WHEN w.attempts >= w.max_attempts THEN 'needs_attention' ELSE 'ready' END,
                last_error = 'lease expired while held by ' || w.claimed_by,
                lease_expires_at = NULL, claimed_by = NULL, available_at = now()
            FROM expired WHERE w.id = expired.id
            """,
            [department]
        ).affectedRows
    }

    /// Moves completed items finished more than `retentionSeconds` ago to `work_item_history`,
    /// at most `limit` at a time, so the hot table holds only live work. Returns how many moved.
    public static func archive(olderThan retentionSeconds: Double, limit: Int = 5000, on connection: isolated Connection) throws -> Int {
        try connection.query(
            """
            WITH done AS (
                DELETE FROM work_item
                WHERE id = ANY (ARRAY(
                    SELECT id FROM work_item
                    WHERE state = 'completed' AND completed_at < motcua_now() - make_interval(secs => $1)
                    ORDER BY completed_at LIMIT $2
                    FOR UPDATE SKIP LOCKED))
                RETURNING *
            )
            INSERT INTO work_item_history SELECT * FROM done
            """,
            [retentionSeconds, limit]
        ).affectedRows
    }
}
