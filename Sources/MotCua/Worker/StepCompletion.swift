import Postgres

/// Finishes claimed steps in one statement, so in one transaction with nothing between its
/// parts: the fenced completion of every item whose claim still holds, then, for each of their
/// dossiers, the next step's work item (or the resolution after the last step), the state
/// change, and its one event: a hand-over line of the process-control slip, `step_completed` by
/// the step's department (`department_code`), to `routed` with the next department in
/// `details.to_department`, or to `resolved` after the last step.
///
/// One statement rather than a transaction of several: one round trip and one commit for a
/// whole batch, and no moment when the transaction waits on the client, so a worker that
/// stalls (paused, cut off) can never sit on the batch's rows; the claim's lease is what
/// stands between a stalled worker and its items.
public enum StepCompletion {
    /// What completing a step led to.
    public enum Outcome: Sendable, Equatable {
        /// The dossier went on to the next department.
        case routed(to: String)
        /// That was the last step; the dossier is resolved.
        case resolved
        /// The claim had expired and the item was taken by another worker; nothing changed.
        case staleLease
    }

    /// Completes `items` on behalf of `actor` (the worker's identity) and returns each item's
    /// outcome by ID; items whose claim no longer holds are `.staleLease` and nothing of them
    /// changes.
    public static func complete(_ items: [ClaimedWorkItem], actor: String, on connection: Connection) async throws -> [Int64: Outcome] {
        guard !items.isEmpty else { return [:] }
        let rows = try await connection.query(statement, [items.map(\.id), items.map(\.leaseToken), actor])
        var outcomes: [Int64: Outcome] = Dictionary(uniqueKeysWithValues: items.map { ($0.id, Outcome.staleLease) })
        for row in rows {
            let next: String? = try row.decode("next_department")
            outcomes[try row.decode("id")] = next.map { .routed(to: $0) } ?? .resolved
        }
        return outcomes
    }

    /// Completes one claimed item; see ``complete(_:actor:on:)-([ClaimedWorkItem],_,_)``.
    public static func complete(_ item: ClaimedWorkItem, actor: String, on connection: Connection) async throws -> Outcome {
        try await complete([item], actor: actor, on: connection)[item.id] ?? .staleLease
    }

    /// `$1` item IDs, `$2` their lease tokens, `$3` the actor. Dossiers are locked in ID order
    /// (as every batch does), and re-read under the lock, so the events' `from_state` is the
    /// state they leave.
    package static let statement = """
        WITH done AS (
            UPDATE work_item AS w
            SET state = 'completed', completed_at = motcua_now(), lease_expires_at = NULL, claimed_by = NULL
            FROM unnest($1::bigint[], $2::bigint[]) AS held(id, token)
            WHERE \(WorkQueue.holdsLease("w", id: "held.id", token: "held.token"))
            RETURNING w.id, w.dossier_id, w.step_position, w.department_code
        ), locked AS (
            SELECT d.id, d.procedure_code, d.procedure_version, d.state
            FROM dossier d WHERE d.id IN (SELECT dossier_id FROM done)
            ORDER BY d.id
            FOR UPDATE
        ), step AS (
            SELECT done.id AS item_id, done.dossier_id, done.department_code, locked.state,
                   next.position AS next_position, next.department_code AS next_department, next.kind AS next_kind
            FROM done JOIN locked ON locked.id = done.dossier_id
            LEFT JOIN LATERAL route_next_step(locked.procedure_code, locked.procedure_version, done.step_position) AS next ON true
        ), routed AS (
            INSERT INTO work_item (dossier_id, step_position, department_code, kind)
            SELECT dossier_id, next_position, next_department, next_kind FROM step WHERE next_position IS NOT NULL
        ), moved AS (
            UPDATE dossier AS d
            SET state = CASE WHEN step.next_position IS NULL THEN 'resolved' ELSE 'routed' END,
                current_step = step.next_position,
                resolved_at = CASE WHEN step.next_position IS NULL THEN motcua_now() ELSE d.resolved_at END
            FROM step WHERE d.id = step.dossier_id
        ), events AS (
            \(EventLog.insert(rows: """
                SELECT dossier_id, 'step_completed', state, CASE WHEN next_position IS NULL THEN 'resolved' ELSE 'routed' END,
                       department_code, $3,
                       CASE WHEN next_position IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('to_department', next_department) END
                FROM step ORDER BY item_id
                """))
        )
        SELECT item_id AS id, next_department FROM step
        """
}
