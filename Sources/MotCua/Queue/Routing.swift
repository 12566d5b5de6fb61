import Postgres

/// Moves a dossier to a step of its route: a work item for the step's department, the
/// dossier's new state and an event, all in the caller's transaction. The caller rings the
/// department's ``Doorbell`` after committing. A finished step routes to the next; intake
/// routes to step 1 in its own single statement (``IntakeRecord``).
enum Routing {
    /// The step after `position` in a procedure version's route, or `nil` at the end.
    struct Step {
        let position: Int
        let department: String
        let kind: StepKind
    }

    static func step(after position: Int, procedure: String, version: Int, on connection: isolated Connection) throws -> Step? {
        let rows = try connection.query(
            """
            SELECT position, department_code, kind FROM procedure_step
            WHERE procedure_code = $1 AND procedure_version = $2 AND position > $3
            ORDER BY position LIMIT 1
            """,
            [procedure, version, position])
        guard let row = rows.first else { return nil }
        return Step(
            position: try row.decode("position"),
            department: try row.decode("department_code"),
            kind: StepKind(rawValue: try row.decode("kind")) ?? .automatic)
    }

    static func route(
        dossierID: Int64, from state: DossierState, to step: Step, actor: String, on connection: isolated Connection
    ) throws {
        try connection.query(
            "INSERT INTO work_item (dossier_id, step_position, department_code, kind) VALUES ($1, $2, $3, $4)",
            [dossierID, step.position, step.department, step.kind.rawValue])
        try connection.query(
            "UPDATE dossier SET state = $2, current_step = $3 WHERE id = $1",
            [dossierID, DossierState.routed.rawValue, step.position])
        try EventLog.append(dossierID: dossierID, kind: "routed", from: state, to: .routed, department: step.department, actor: actor, on: connection)
    }
}
