import Postgres

/// Finishes a claimed step in one transaction: the fenced completion of the work item, the
/// event, and the move to the next department (or resolution after the last step).
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

    /// Completes `item` on behalf of `actor` (the worker's identity).
    public static func complete(_ item: ClaimedWorkItem, actor: String, on connection: Connection) async throws -> Outcome {
        try await connection.transaction { connection in
            guard try WorkQueue.complete(item, on: connection) else { return .staleLease }
            let dossier = try connection.query(
                "SELECT procedure_code, procedure_version, state FROM dossier WHERE id = $1 FOR UPDATE",
                [item.dossierID]
            ).single()
            let state = DossierState(rawValue: try dossier.decode("state")) ?? .routed
            try EventLog.append(dossierID: item.dossierID, kind: "step_completed", from: state, to: state, department: item.department, actor: actor, on: connection)
            if let next = try Routing.step(
                after: item.stepPosition, procedure: try dossier.decode("procedure_code"),
                version: try dossier.decode("procedure_version"), on: connection)
            {
                try Routing.route(dossierID: item.dossierID, from: state, to: next, actor: actor, on: connection)
                return .routed(to: next.department)
            }
            try connection.query(
                "UPDATE dossier SET state = $2, current_step = NULL, resolved_at = now() WHERE id = $1",
                [item.dossierID, DossierState.resolved.rawValue])
            try EventLog.append(dossierID: item.dossierID, kind: "resolved", from: state, to: .resolved, department: item.department, actor: actor, on: connection)
            return .resolved
        }
    }
}
