import CivilTime
import Foundation
import Postgres

/// What supervisors see of a department's queue and what they may do to it. Reads no personal
/// data: dossiers by code, officers by code.
public enum QueueSupervision {
    /// One live work item, for the supervisor's list.
    public struct Line: Sendable, Codable, Equatable {
        public let id: Int64
        public let dossierCode: String
        public let step: Int
        public let kind: StepKind
        public let state: WorkItemState
        public let attempts: Int
        public let dueDate: CalendarDate?
        public let overdue: Bool
        public let assignedOfficer: String?
        public let lastError: String?
    }

    /// Live items of `department` (not completed), or only those in `state`: overdue first,
    /// then due soonest, then oldest. Throws `unknownDepartment` for a code not in the catalog.
    public static func list(department: String, state: WorkItemState? = nil, limit: Int = 200, on connection: Connection) async throws -> [Line] {
        try await CatalogReader.requireDepartment(department, on: connection)
        return try await connection.query(listStatement, [department, limit, state?.rawValue]).map { row in
            Line(
                id: try row.decode("id"), dossierCode: try row.decode("code"), step: try row.decode("step_position"),
                kind: try row.decode("kind"), state: try row.decode("state"), attempts: try row.decode("attempts"),
                dueDate: try row.decode("due_date"), overdue: try row.decode("overdue"),
                assignedOfficer: try row.decode("assigned_officer"), lastError: try row.decode("last_error"))
        }
    }

    /// `$1` department, `$2` limit, `$3` the state wanted (NULL: every live state).
    static let listStatement = """
        SELECT w.id, d.code, w.step_position, w.kind, w.state, w.attempts, d.due_date, w.assigned_officer, w.last_error,
               coalesce(d.due_at < motcua_now(), false) AS overdue
        FROM work_item w JOIN dossier d ON d.id = w.dossier_id
        WHERE w.department_code = $1 AND w.state <> 'completed' AND ($3::text IS NULL OR w.state = $3)
        ORDER BY coalesce(d.due_at < motcua_now(), false) DESC, d.due_at NULLS LAST, w.created_at, w.id
        LIMIT $2
        """

    /// One department's queue figures with the workers' counters.
    public struct Stats: Sendable, Codable, Equatable {
        public let department: String
        public let ready: Int
        public let claimed: Int
        public let assigned: Int
        public let needsAttention: Int
        /// Seconds the oldest ready item has been waiting (0 when none).
        public let oldestReadySeconds: Double
        public let workers: Int
        public let claimedTotal: Int
        public let completedTotal: Int
        public let retriedTotal: Int
        public let rescuedTotal: Int
    }

    /// Queue depth, oldest ready age and the summed counters of the running workers (those
    /// that flushed within the last minute), per department.
    public static func stats(on connection: Connection) async throws -> [Stats] {
        try await connection.query(statsStatement, [WorkerCounters.staleAfterSeconds]).map { row in
            Stats(
                department: try row.decode("department"), ready: try row.decode("ready"), claimed: try row.decode("claimed"),
                assigned: try row.decode("assigned"), needsAttention: try row.decode("needs_attention"),
                oldestReadySeconds: try row.decode("oldest"), workers: try row.decode("workers"),
                claimedTotal: try row.decode("claimed_total"), completedTotal: try row.decode("completed_total"),
                retriedTotal: try row.decode("retried_total"), rescuedTotal: try row.decode("rescued_total"))
        }
    }

    /// `$1` seconds without a flush after which a worker's counters no longer count.
    static let statsStatement = """
        WITH queue AS (
            SELECT department_code AS department,
                   count(*) FILTER (WHERE state = 'ready') AS ready,
                   count(*) FILTER (WHERE state = 'claimed') AS claimed,
                   count(*) FILTER (WHERE state = 'assigned') AS assigned,
                   count(*) FILTER (WHERE state = 'needs_attention') AS needs_attention,
                   coalesce(extract(epoch FROM now() - min(available_at) FILTER (WHERE state = 'ready' AND available_at <= now())), 0)::float8 AS oldest
            FROM work_item WHERE state <> 'completed' GROUP BY department_code
        ), workers AS (
            SELECT department, count(*) AS workers, sum(claimed) AS claimed, sum(completed) AS completed,
                   sum(retried) AS retried, sum(rescued) AS rescued
            FROM worker_stats WHERE updated_at >= now() - make_interval(secs => $1) GROUP BY department
        )
        SELECT coalesce(q.department, w.department) AS department,
               coalesce(q.ready, 0) AS ready, coalesce(q.claimed, 0) AS claimed, coalesce(q.assigned, 0) AS assigned,
               coalesce(q.needs_attention, 0) AS needs_attention, coalesce(q.oldest, 0) AS oldest,
               coalesce(w.workers, 0) AS workers, coalesce(w.claimed, 0)::bigint AS claimed_total,
               coalesce(w.completed, 0)::bigint AS completed_total, coalesce(w.retried, 0)::bigint AS retried_total,
               coalesce(w.rescued, 0)::bigint AS rescued_total
        FROM queue q FULL JOIN workers w ON w.department = q.department
        ORDER BY 1
        """

    /// Makes an item that needs attention (or waits for a retry) ready now, with fresh
    /// attempts, and writes its `retried` event by `actor`, in one transaction; then rings the
    /// department's doorbell. Throws
    /// ``MotCuaError/unknownWorkItem(id:)`` or ``MotCuaError/workItemNotInState(id:state:expected:)``.
    public static func retry(id: Int64, actor: String, on connection: Connection) async throws {
        let department = try await connection.transaction { connection in
            let item = try lockLiveItem(id: id, on: connection)
            guard item.state == .needsAttention || (item.state == .ready && item.waiting) else {
                throw MotCuaError.workItemNotInState(id: id, state: item.state.rawValue, expected: ["needs_attention", "ready and waiting for a retry"])
            }
            try connection.query(retryStatement, [id])
            try EventLog.append(
                [
                    EventLog.Event(
                        dossierID: item.dossierID, kind: .retried, from: item.dossierState, to: item.dossierState, department: item.department, actor: actor)
                ],
                on: connection)
            return item.department
        }
        try? await Doorbell.ring([department], on: connection)
    }

    /// `$1` item.
    static let retryStatement = "UPDATE work_item SET state = 'ready', attempts = 0, available_at = now(), last_error = NULL WHERE id = $1"

    /// Takes an item back from whoever holds it — a worker's lease (its token becomes stale),
    /// an officer's assignment (the dossier is `routed` again), or a supervisor's pile — makes
    /// it ready, and writes its `released` event by `actor`, in one transaction; then rings the
    /// department's doorbell. Throws
    /// ``MotCuaError/unknownWorkItem(id:)`` or ``MotCuaError/workItemNotInState(id:state:expected:)``.
    public static func release(id: Int64, actor: String, on connection: Connection) async throws {
        let department = try await connection.transaction { connection in
            let item = try lockLiveItem(id: id, on: connection)
            guard [.claimed, .assigned, .needsAttention].contains(item.state) else {
                throw MotCuaError.workItemNotInState(id: id, state: item.state.rawValue, expected: ["claimed", "assigned", "needs_attention"])
            }
            try connection.query(releaseStatement, [id])
            let to: DossierState = item.state == .assigned && item.dossierState == .assigned ? .routed : item.dossierState
            if to != item.dossierState {
                try DossierTransitions.require(dossier: item.dossierCode, from: item.dossierState, to: to)
                try connection.query(DossierStore.setStateStatement, [item.dossierID, to])
            }
            var details = ["from_work_state": item.state.rawValue]
            if let holder = item.holder { details["held_by"] = holder }
            try EventLog.append(
                [
                    EventLog.Event(
                        dossierID: item.dossierID, kind: .released, from: item.dossierState, to: to, department: item.department, actor: actor, details: details
                    )
                ],
                on: connection)
            return item.department
        }
        try? await Doorbell.ring([department], on: connection)
    }

    /// `$1` item.
    static let releaseStatement = """
        UPDATE work_item
        SET state = 'ready', lease_token = lease_token + 1, lease_expires_at = NULL, claimed_by = NULL,
            assigned_officer = NULL, assigned_at = NULL, available_at = now()
        WHERE id = $1
        """

    /// A live item and its dossier, locked for a supervisor's action (dossier first, as every
    /// writer locks).
    private struct LockedItem {
        let dossierID: Int64
        let dossierCode: String
        let dossierState: DossierState
        let department: String
        let state: WorkItemState
        /// Ready but not before a later time (a retry's backoff).
        let waiting: Bool
        /// The worker or officer holding it.
        let holder: String?
    }

    private static func lockLiveItem(id: Int64, on connection: isolated Connection) throws -> LockedItem {
        guard let dossier = try connection.query(lockDossierStatement, [id]).first else { throw MotCuaError.unknownWorkItem(id: id) }
        let row = try connection.query(lockItemStatement, [id]).single()
        return LockedItem(
            dossierID: try dossier.decode("id"), dossierCode: try dossier.decode("code"), dossierState: try dossier.decode("state"),
            department: try row.decode("department_code"), state: try row.decode("state"), waiting: try row.decode("waiting"),
            holder: try row.decode("holder"))
    }

    /// `$1` item.
    static let lockDossierStatement = "SELECT d.id, d.code, d.state FROM dossier d JOIN work_item w ON w.dossier_id = d.id WHERE w.id = $1 FOR UPDATE OF d"

    /// `$1` item.
    static let lockItemStatement = """
        SELECT department_code, state, available_at > now() AS waiting, coalesce(claimed_by, assigned_officer) AS holder
        FROM work_item WHERE id = $1 FOR UPDATE
        """
}
