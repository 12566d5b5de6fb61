import Postgres

extension WorkQueue {
    /// The fencing predicate of every finalising write for a claim: the row is the claimed item
    /// and still holds the token the claim got. `alias` names the `work_item` row, `id` and
    /// `token` the claim's values (parameters or columns).
    static func holdsLease(_ alias: String, id: String, token: String) -> String {
        "\(alias).id = \(id) AND \(alias).lease_token = \(token) AND \(alias).state = 'claimed'"
    }

    /// Gives a claimed item back to the queue without counting the attempt (a graceful
    /// shutdown that did not start it). Refused (false) when the claim no longer holds. Lease
    /// mechanics, like the claim itself: no event.
    public static func release(_ item: ClaimedWorkItem, on connection: isolated Connection) throws -> Bool {
        try connection.query(releaseStatement, [item.id, item.leaseToken]).affectedRows == 1
    }

    static let releaseStatement = """
        UPDATE work_item AS w
        SET state = 'ready', attempts = greatest(attempts - 1, 0), lease_expires_at = NULL, claimed_by = NULL, available_at = now()
        WHERE \(holdsLease("w", id: "$1", token: "$2"))
        """

    /// Records a failed attempt with its event (`step_failed`, or `put_aside` once the attempts
    /// are used up): the item becomes ready again after `delay` seconds, or needs a
    /// supervisor's attention. Refused (false) for a stale claim.
    public static func retry(_ item: ClaimedWorkItem, after delay: Double, error: String, actor: String, on connection: isolated Connection) throws -> Bool {
        try connection.query(retryStatement, [item.id, item.leaseToken, delay, String(error.prefix(1000)), actor]).affectedRows == 1
    }

    /// `$1` item, `$2` token, `$3` delay in seconds, `$4` the error, `$5` the actor. The error
    /// stays on the item (`last_error`); the event says only what happened to the step.
    static let retryStatement = """
        WITH failed AS (
            UPDATE work_item AS w
            SET state = work_item_after_failure(w.attempts, w.max_attempts),
                available_at = now() + make_interval(secs => $3), last_error = $4,
                lease_expires_at = NULL, claimed_by = NULL
            WHERE \(holdsLease("w", id: "$1", token: "$2"))
            RETURNING w.dossier_id, w.department_code, w.state, w.attempts
        )
        \(EventLog.insert(rows: """
            SELECT f.dossier_id, CASE WHEN f.state = 'needs_attention' THEN 'put_aside' ELSE 'step_failed' END, d.state, d.state,
                   f.department_code, $5,
                   CASE WHEN f.state = 'needs_attention' THEN jsonb_build_object('reason', 'attempts used up', 'attempts', f.attempts)
                        ELSE jsonb_build_object('attempt', f.attempts, 'retry_in_seconds', round($3::numeric)) END
            FROM failed f JOIN dossier d ON d.id = f.dossier_id
            """))
        """

    /// Puts a claimed item aside for a supervisor with the reason and its `put_aside` event
    /// (fenced like every finalising write). Returns false for a stale claim.
    public static func flag(_ item: ClaimedWorkItem, reason: String, actor: String, on connection: isolated Connection) throws -> Bool {
        try connection.query(flagStatement, [item.id, item.leaseToken, reason, actor]).affectedRows == 1
    }

    static let flagStatement = """
        WITH flagged AS (
            UPDATE work_item AS w SET state = 'needs_attention', last_error = $3, lease_expires_at = NULL, claimed_by = NULL
            WHERE \(holdsLease("w", id: "$1", token: "$2"))
            RETURNING w.dossier_id, w.department_code
        )
        \(EventLog.insert(rows: """
            SELECT f.dossier_id, 'put_aside', d.state, d.state, f.department_code, $4, jsonb_build_object('reason', $3::text)
            FROM flagged f JOIN dossier d ON d.id = f.dossier_id
            """))
        """

    /// Extends the leases of items still held with their tokens and returns the IDs of those
    /// that were lost (taken back by a rescuer or a supervisor: they must not be finished).
    /// Rows locked by the worker's own running steps are skipped rather than waited for: the
    /// step's lock already keeps rescuers away, and one slow step must not hold up the others'
    /// heartbeats. Losses are read without locking.
    public static func heartbeat(_ items: [ClaimedWorkItem], leaseSeconds: Double, on connection: isolated Connection) throws -> Set<Int64> {
        guard !items.isEmpty else { return [] }
        let rows = try connection.query(heartbeatStatement, [items.map(\.id), items.map(\.leaseToken), leaseSeconds])
        return Set(try rows.map { try $0.decode("id") })
    }

    static let heartbeatStatement = """
        WITH held AS (
            SELECT h.id, h.token FROM unnest($1::bigint[], $2::bigint[]) AS h(id, token)
        ), lockable AS (
            SELECT w.id FROM work_item w JOIN held ON \(holdsLease("w", id: "held.id", token: "held.token"))
            FOR UPDATE OF w SKIP LOCKED
        ), extended AS (
            UPDATE work_item AS w SET lease_expires_at = now() + make_interval(secs => $3), heartbeat_at = now()
            FROM lockable WHERE w.id = lockable.id
            RETURNING w.id
        )
        SELECT held.id FROM held LEFT JOIN work_item w ON w.id = held.id
        WHERE w.id IS NULL OR w.lease_token <> held.token OR w.state <> 'claimed'
        """

    /// Takes back items of `department` whose lease expired (their worker died or stalled):
    /// ready again, or needing attention when that was their last attempt, each with its event
    /// (`lease_expired`, or `put_aside`) by `actor`, the rescuing worker. Returns how many.
    public static func rescue(department: String, actor: String, on connection: isolated Connection) throws -> Int {
        try connection.query(rescueStatement, [department, actor]).affectedRows
    }

    static let rescueStatement = """
        WITH expired AS (
            SELECT id FROM work_item
            WHERE department_code = $1 AND state = 'claimed' AND lease_expires_at < now()
            ORDER BY lease_expires_at LIMIT 1000
            FOR UPDATE SKIP LOCKED
        ), rescued AS (
            UPDATE work_item AS w
            SET state = work_item_after_failure(w.attempts, w.max_attempts),
                last_error = 'lease expired while held by ' || w.claimed_by,
                lease_expires_at = NULL, claimed_by = NULL, available_at = now()
            FROM expired WHERE w.id = expired.id
            RETURNING w.id, w.dossier_id, w.department_code, w.state, w.last_error
        )
        \(EventLog.insert(rows: """
            SELECT r.dossier_id, CASE WHEN r.state = 'needs_attention' THEN 'put_aside' ELSE 'lease_expired' END, d.state, d.state,
                   r.department_code, $2, jsonb_build_object('reason', r.last_error)
            FROM rescued r JOIN dossier d ON d.id = r.dossier_id ORDER BY r.id
            """))
        """

    /// Moves completed items finished more than `retentionSeconds` ago (business time) to
    /// `work_item_history`, at most `limit` at a time, so the hot table holds only live work.
    /// Returns how many moved.
    public static func archive(olderThan retentionSeconds: Double, limit: Int = 5000, on connection: isolated Connection) throws -> Int {
        try connection.query(archiveStatement, [retentionSeconds, limit]).affectedRows
    }

    static let archiveStatement = """
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
        """
}
