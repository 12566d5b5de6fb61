import Postgres

extension StepCompletion {
    /// Completes a batch of claimed automatic steps in one transaction, set-wise: the fenced
    /// completion of every item whose claim still holds, then, for each of their dossiers, the
    /// next step's work item (or the resolution), the state change and the events. One commit
    /// for the whole batch, as the claim is one statement for the whole batch.
    ///
    /// The transaction holds the batch's rows until it commits, so a worker stalled inside it
    /// (paused, cut off) would keep them from rescuers: `idle_in_transaction_session_timeout`
    /// is set to `leaseSeconds` for this transaction only, and the server ends a transaction
    /// whose client stalls longer than its lease, freeing the rows for a rescuer.
    ///
    /// Returns each item's outcome by ID; items whose claim no longer holds are `.staleLease`
    /// and nothing of them changes.
    public static func complete(_ items: [ClaimedWorkItem], actor: String, leaseSeconds: Double, on connection: Connection) async throws -> [Int64: Outcome] {
        guard !items.isEmpty else { return [:] }
        return try await connection.transaction { connection in
            try connection.query(
                "SELECT set_config('idle_in_transaction_session_timeout', $1, true)", ["\(max(1, Int(leaseSeconds * 1000)))ms"])
            let rows = try connection.query(
                """
                WITH done AS (
                    UPDATE work_item AS w
                    SET state = 'completed', completed_at = now(), lease_expires_at = NULL, claimed_by = NULL
                    FROM unnest($1::bigint[], $2::bigint[]) AS held(id, token)
                    WHERE w.id = held.id AND w.lease_token = held.token AND w.state = 'claimed'
                    RETURNING w.id, w.dossier_id, w.step_position, w.department_code
                ), dossiers AS (
                    SELECT d.id, d.procedure_code, d.procedure_version, d.state
                    FROM dossier d WHERE d.id IN (SELECT dossier_id FROM done)
                    ORDER BY d.id
                    FOR UPDATE
                ), next AS (
                    SELECT DISTINCT ON (done.id) done.id AS item_id, ps.position, ps.department_code, ps.kind
                    FROM done JOIN dossiers d ON d.id = done.dossier_id
                    JOIN procedure_step ps ON ps.procedure_code = d.procedure_code AND ps.procedure_version = d.procedure_version
                         AND ps.position > done.step_position
                    ORDER BY done.id, ps.position
                )
                SELECT done.id, done.dossier_id, done.department_code, d.state,
                       next.position AS next_position, next.department_code AS next_department, next.kind AS next_kind
                FROM done JOIN dossiers d ON d.id = done.dossier_id
                LEFT JOIN next ON next.item_id = done.id
                ORDER BY done.id
                """,
                [items.map(\.id), items.map(\.leaseToken)])
            struct Done {
                let item: Int64
                let dossier: Int64
                let department: String
                let state: String
                let next: Routing.Step?
            }
            let done: [Done] = try rows.map { row in
                let position: Int? = try row.decode("next_position")
                return Done(
                    item: try row.decode("id"), dossier: try row.decode("dossier_id"), department: try row.decode("department_code"),
                    state: try row.decode("state"),
                    next: try position.map { Routing.Step(position: $0, department: try row.decode("next_department"), kind: StepKind(rawValue: try row.decode("next_kind")) ?? .automatic) })
            }
            let routed: [(dossier: Int64, next: Routing.Step)] = done.compactMap { entry in entry.next.map { (entry.dossier, $0) } }
            let resolved = done.filter { $0.next == nil }
            if !routed.isEmpty {
                try connection.query(
                    """
                    INSERT INTO work_item (dossier_id, step_position, department_code, kind)
                    SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[])
                    """,
                    [routed.map(\.dossier), routed.map { Int32($0.next.position) }, routed.map(\.next.department), routed.map(\.next.kind.rawValue)])
                try connection.query(
                    """
                    UPDATE dossier AS d SET state = 'routed', current_step = r.position
                    FROM unnest($1::bigint[], $2::int[]) AS r(id, position) WHERE d.id = r.id
                    """,
                    [routed.map(\.dossier), routed.map { Int32($0.next.position) }])
            }
            if !resolved.isEmpty {
                try connection.query(
                    "UPDATE dossier SET state = 'resolved', current_step = NULL, resolved_at = now() WHERE id = ANY($1)",
                    [resolved.map(\.dossier)])
            }
            // Events in order per dossier: the step completed, then where it went.
            var dossiers: [Int64] = [], kinds: [String] = [], froms: [String?] = [], tos: [String] = [], departments: [String?] = []
            for entry in done {
                dossiers.append(entry.dossier); kinds.append("step_completed"); froms.append(entry.state); tos.append(entry.state); departments.append(entry.department)
                if let next = entry.next {
                    dossiers.append(entry.dossier); kinds.append("routed"); froms.append(entry.state); tos.append(DossierState.routed.rawValue); departments.append(next.department)
                } else {
                    dossiers.append(entry.dossier); kinds.append("resolved"); froms.append(entry.state); tos.append(DossierState.resolved.rawValue); departments.append(entry.department)
                }
            }
            try connection.query(
                """
                INSERT INTO dossier_event (dossier_id, kind, from_state, to_state, department_code, actor)
                SELECT e.dossier_id, e.kind, e.from_state, e.to_state, e.department, $6
                FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS e(dossier_id, kind, from_state, to_state, department, n)
                ORDER BY e.n
                """,
                [dossiers, kinds, froms, tos, departments, actor])
            var outcomes: [Int64: Outcome] = Dictionary(uniqueKeysWithValues: items.map { ($0.id, Outcome.staleLease) })
            for entry in done { outcomes[entry.item] = entry.next.map { .routed(to: $0.department) } ?? .resolved }
            return outcomes
        }
    }
}
